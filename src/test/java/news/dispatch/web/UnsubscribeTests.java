package news.dispatch.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsubscribe link of every message: one-click POST (RFC 8058) without cookies,
 * effective at once and idempotent, withdrawing what was still planned, and never
 * expiring; a GET only asks to confirm; a forged token changes nothing.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/unsubscribe", "dispatch.secret=" + Tokens.SECRET,
				"dispatch.mail.connect-timeout=1s", "dispatch.digest.lookback-days=100000" },
		smtp = FunctionalTest.Smtp.DOWN)
@Tag("postgres")
class UnsubscribeTests {

	static final Path DATA = Path.of("target/test-data/unsubscribe");

	@LocalServerPort
	int port;

	@Autowired
	Cli cli;

	@Autowired
	Subscribers subscribers;

	@Autowired
	SubscriberLinks links;

	@Autowired
	EditionTotals totals;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void oneClickUnsubscribesAtOnceWithdrawsWhatWasPlannedAndCanBeRepeated() throws Exception {
		// given: Ana has a digest planned and not yet sent
		Path input = DATA.resolve("input");
		this.cli.importNewsroom(input);
		this.cli.run("digest", "--date", "2033-01-03", "--quiet");
		Subscriber ana = this.subscribers.findByEmail("ana.kovac@example.com").orElseThrow();
		assertThat(this.totals.counts(LedgerKey.edition(LocalDate.of(2033, 1, 3))).get(DeliveryStatus.PENDING))
			.isEqualTo(4);
		String link = this.links.unsubscribe(ana.id());
		String query = link.substring(link.indexOf("?"));

		// when: her mail provider posts the one-click request, twice
		HttpResponse<String> first = post("/unsubscribe" + query, "List-Unsubscribe=One-Click");
		HttpResponse<String> second = post("/unsubscribe" + query, "List-Unsubscribe=One-Click");

		// then: she is unsubscribed, her planned message is withdrawn, the others stay
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("You are unsubscribed").contains("ana.kovac@example.com");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(this.subscribers.find(ana.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		assertThat(this.totals.counts(LedgerKey.edition(LocalDate.of(2033, 1, 3))).get(DeliveryStatus.PENDING))
			.isEqualTo(3);
		assertThat(this.totals.counts(LedgerKey.edition(LocalDate.of(2033, 1, 3))).get(DeliveryStatus.FAILED))
			.isEqualTo(1);
	}

	@Test
	void aGetOnlyAsksToConfirmAndChangesNothing() throws Exception {
		Fixtures.copy("topics.yml", DATA.resolve("input-get"));
		this.cli.run("topics", "import", DATA.resolve("input-get/topics.yml").toString());
		this.cli.run("subscribers", "import", Fixtures.copy("subscribers.csv", DATA.resolve("input-get")).toString());
		Subscriber ben = this.subscribers.findByEmail("ben.adeyemi@example.org").orElseThrow();
		String link = this.links.unsubscribe(ben.id());

		HttpResponse<String> page = get("/unsubscribe" + link.substring(link.indexOf("?")));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Unsubscribe?")
			.contains("<form method=\"post\"")
			.contains("ben.adeyemi@example.org");
		assertThat(this.subscribers.find(ben.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.ACTIVE);
	}

	@Test
	void aLinkFromMailOfLongAgoStillUnsubscribesAndASecondVisitSaysSo() throws Exception {
		// given: Fay's unsubscribe link from a digest of two years ago, signed with an
		// expiry (as links were once) that has long passed
		Path input = Files.createDirectories(DATA.resolve("input-old"));
		Files.writeString(input.resolve("subscribers.csv"), "email,name,topics\nfay.old@example.net,Fay,\n");
		assertThat(this.cli.run("subscribers", "import", input.resolve("subscribers.csv").toString()).exitCode())
			.isZero();
		Subscriber fay = this.subscribers.findByEmail("fay.old@example.net").orElseThrow();
		String old = Tokens.token(fay.id(), "unsubscribe", Instant.now().minus(365, ChronoUnit.DAYS));

		// when: her mail provider posts the one-click request, and she opens the link
		// later
		HttpResponse<String> oneClick = post("/unsubscribe?token=" + old, "List-Unsubscribe=One-Click");
		HttpResponse<String> again = get("/unsubscribe?token=" + old);

		// then: she is unsubscribed, and told so the second time, with her preferences
		assertThat(oneClick.statusCode()).isEqualTo(200);
		assertThat(oneClick.body()).contains("You are unsubscribed");
		assertThat(this.subscribers.find(fay.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("You are already unsubscribed").contains("href=\"/preferences?token=");
	}

	@Test
	void aForgedAlteredOrMisusedTokenGetsAClearPageAndChangesNothing() throws Exception {
		this.cli.run("topics", "import", Fixtures.copy("topics.yml", DATA.resolve("input-forged")).toString());
		this.cli.run("subscribers", "import",
				Fixtures.copy("subscribers.csv", DATA.resolve("input-forged")).toString());
		Subscriber dev = this.subscribers.findByEmail("dev.sharma@example.org").orElseThrow();
		Subscriber erin = this.subscribers.findByEmail("erin.cole@example.com").orElseThrow();
		String token = this.links.unsubscribe(dev.id()).replaceFirst(".*token=", "");
		String otherPayload = this.links.unsubscribe(erin.id()).replaceFirst(".*token=", "").split("\\.")[0];
		String preferences = this.links.preferences(dev.id()).replaceFirst(".*token=", "");

		for (String forged : new String[] { "", "nonsense", token.substring(0, token.length() - 2) + "xx",
				otherPayload + "." + token.split("\\.")[1], preferences }) {
			HttpResponse<String> response = post("/unsubscribe?token=" + forged, "List-Unsubscribe=One-Click");
			assertThat(response.statusCode()).as(forged).isEqualTo(400);
			assertThat(response.body()).contains("This link is not valid");
		}
		assertThat(this.subscribers.find(dev.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.ACTIVE);
		assertThat(this.subscribers.find(erin.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.ACTIVE);
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
