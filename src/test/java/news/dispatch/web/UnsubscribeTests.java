package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.subscriber.ReaderChanges;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

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

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Test
	void oneClickUnsubscribesAtOnceWithdrawsWhatWasPlannedAndCanBeRepeated(@Autowired EditionTotals totals)
			throws Exception {
		// given: Ana has a digest planned and not yet sent
		Path input = DATA.resolve("input");
		this.cli.importNewsroom(input);
		this.cli.run("digest", "--date", "2033-01-03", "--quiet");
		Subscriber ana = this.site.reader("ana.kovac@example.com");
		assertThat(totals.counts(LedgerKey.edition(LocalDate.of(2033, 1, 3))).get(DeliveryStatus.PENDING)).isEqualTo(4);
		String page = this.site.unsubscribePage(ana.id());

		// when: her mail provider posts the one-click request, twice
		HttpResponse<String> first = oneClick(page);
		HttpResponse<String> second = oneClick(page);

		// then: she is unsubscribed, her planned message is withdrawn, the others stay
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("You are unsubscribed").contains("ana.kovac@example.com");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(this.site.reader(ana.id()).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		assertThat(totals.counts(LedgerKey.edition(LocalDate.of(2033, 1, 3))).get(DeliveryStatus.PENDING)).isEqualTo(3);
		assertThat(totals.counts(LedgerKey.edition(LocalDate.of(2033, 1, 3))).get(DeliveryStatus.FAILED)).isEqualTo(1);
	}

	@Test
	void aGetOnlyAsksToConfirmAndChangesNothing() throws Exception {
		Fixtures.copy("topics.yml", DATA.resolve("input-get"));
		this.cli.run("topics", "import", DATA.resolve("input-get/topics.yml").toString());
		this.cli.run("subscribers", "import", Fixtures.copy("subscribers.csv", DATA.resolve("input-get")).toString());
		Subscriber ben = this.site.reader("ben.adeyemi@example.org");

		HttpResponse<String> page = this.site.stranger().get(this.site.unsubscribePage(ben.id()));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Unsubscribe?")
			.contains("<form method=\"post\"")
			.contains("ben.adeyemi@example.org");
		assertThat(this.site.reader(ben.id()).status()).isEqualTo(SubscriberStatus.ACTIVE);
	}

	@Test
	void aLinkFromMailOfLongAgoStillUnsubscribesAndASecondVisitSaysSo() throws Exception {
		// given: Fay's unsubscribe link from a digest of two years ago, signed with an
		// expiry (as links were once) that has long passed
		Path input = Files.createDirectories(DATA.resolve("input-old"));
		Files.writeString(input.resolve("subscribers.csv"), "email,name,topics\nfay.old@example.net,Fay,\n");
		assertThat(this.cli.run("subscribers", "import", input.resolve("subscribers.csv").toString()).exitCode())
			.isZero();
		Subscriber fay = this.site.reader("fay.old@example.net");
		String old = Tokens.token(fay.id(), "unsubscribe", Instant.now().minus(365, ChronoUnit.DAYS));

		// when: her mail provider posts the one-click request, and she opens the link
		// later
		HttpResponse<String> oneClick = oneClick("/unsubscribe?token=" + old);
		HttpResponse<String> again = this.site.stranger().get("/unsubscribe?token=" + old);

		// then: she is unsubscribed, and told so the second time, with her preferences
		assertThat(oneClick.statusCode()).isEqualTo(200);
		assertThat(oneClick.body()).contains("You are unsubscribed");
		assertThat(this.site.reader(fay.id()).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("You are already unsubscribed").contains("href=\"/preferences?token=");
	}

	@Test
	void aForgedAlteredOrMisusedTokenGetsAClearPageAndChangesNothing() throws Exception {
		this.cli.run("topics", "import", Fixtures.copy("topics.yml", DATA.resolve("input-forged")).toString());
		this.cli.run("subscribers", "import",
				Fixtures.copy("subscribers.csv", DATA.resolve("input-forged")).toString());
		Subscriber dev = this.site.reader("dev.sharma@example.org");
		Subscriber erin = this.site.reader("erin.cole@example.com");
		String token = Site.token(this.site.unsubscribePage(dev.id()));
		String otherPayload = Site.token(this.site.unsubscribePage(erin.id())).split("\\.")[0];
		String preferences = Site.token(this.site.preferencesPage(dev.id()));

		for (String forged : new String[] { "", "nonsense", token.substring(0, token.length() - 2) + "xx",
				otherPayload + "." + token.split("\\.")[1], preferences }) {
			HttpResponse<String> response = oneClick("/unsubscribe?token=" + forged);
			assertThat(response.statusCode()).as(forged).isEqualTo(400);
			assertThat(response.body()).contains("This link is not valid");
		}
		assertThat(this.site.reader(dev.id()).status()).isEqualTo(SubscriberStatus.ACTIVE);
		assertThat(this.site.reader(erin.id()).status()).isEqualTo(SubscriberStatus.ACTIVE);
	}

	@Test
	void manyOneClicksAtOnceEachUnsubscribeTheirReaderExactlyOnce(@Autowired ReaderChanges changes) throws Exception {
		// given: 30 readers
		Path input = Files.createDirectories(DATA.resolve("input-many"));
		StringBuilder csv = new StringBuilder("email,name,topics\n");
		for (int i = 0; i < 30; i++) {
			csv.append("many").append(i).append("@example.net,Reader ").append(i).append(",\n");
		}
		Files.writeString(input.resolve("subscribers.csv"), csv);
		assertThat(this.cli.run("subscribers", "import", input.resolve("subscribers.csv").toString()).exitCode())
			.isZero();
		List<Subscriber> readers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			readers.add(this.site.reader("many" + i + "@example.net"));
		}

		// when: each reader's link is posted twice, with a reason, 60 posts from 16
		// clients at once (written together, in batches)
		ExecutorService clients = Executors.newFixedThreadPool(16);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		try {
			for (int round = 0; round < 2; round++) {
				for (Subscriber reader : readers) {
					String page = this.site.unsubscribePage(reader.id());
					answers.add(clients
						.submit(() -> this.site.stranger().post(page, Map.of("reason", "leaving " + reader.id()))));
				}
			}
		}
		finally {
			clients.shutdown();
		}

		// then: every reader is unsubscribed; of the two posts of a link exactly one says
		// it unsubscribed them and kept their reason, the other that they already were
		for (int i = 0; i < readers.size(); i++) {
			Subscriber reader = readers.get(i);
			List<String> bodies = List.of(answers.get(i).get(30, TimeUnit.SECONDS).body(),
					answers.get(i + readers.size()).get(30, TimeUnit.SECONDS).body());
			assertThat(bodies).as(reader.email())
				.filteredOn((body) -> body.contains("You are unsubscribed"))
				.hasSize(1);
			assertThat(bodies).as(reader.email())
				.filteredOn((body) -> body.contains("You are already unsubscribed"))
				.hasSize(1);
			assertThat(this.site.reader(reader.id()).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
			assertThat(changes.of(reader.id())).singleElement()
				.satisfies((change) -> assertThat(change.detail()).isEqualTo("leaving " + reader.id()));
		}
	}

	@Test
	void aReasonLongOnlyByItsSpacesIsKeptWholeAndNotSaidToBeCut(@Autowired ReaderChanges changes) throws Exception {
		// given: Gus, and a reason of a few words with 600 spaces and line breaks between
		// them, 625 characters as sent
		Path input = Files.createDirectories(DATA.resolve("input-reason"));
		Files.writeString(input.resolve("subscribers.csv"), "email,name,topics\ngus.spaces@example.net,Gus,\n");
		assertThat(this.cli.run("subscribers", "import", input.resolve("subscribers.csv").toString()).exitCode())
			.isZero();
		Subscriber gus = this.site.reader("gus.spaces@example.net");
		String reason = "Too much" + " ".repeat(300) + "\n\n" + " ".repeat(298) + "harbour news.";

		// when: he leaves with it
		HttpResponse<String> left = this.site.stranger()
			.post(this.site.unsubscribePage(gus.id()), Map.of("reason", reason));

		// then: the reason is kept whole, its spaces tidied, and the page thanks him
		// without saying that only a part was kept
		assertThat(left.statusCode()).isEqualTo(200);
		assertThat(left.body()).contains("You are unsubscribed")
			.contains("Thank you for telling us why.")
			.doesNotContain("Only its first");
		assertThat(changes.of(gus.id())).singleElement()
			.satisfies((change) -> assertThat(change.detail()).isEqualTo("Too much harbour news."));
	}

	/**
	 * The one-click unsubscribe a mail provider posts (RFC 8058).
	 */
	private HttpResponse<String> oneClick(String page) throws Exception {
		return this.site.stranger().post(page, Map.of("List-Unsubscribe", "One-Click"));
	}

}
