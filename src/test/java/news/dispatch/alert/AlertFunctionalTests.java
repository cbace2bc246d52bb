package news.dispatch.alert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.cli.CommandLineInterface;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Breaking-news alerts end to end through the command line, against a real SMTP server:
 * the dry run, the audience (topics, keywords, alerts on, unsubscribed left out), the
 * daily cap, quiet hours held for the next digest, the digest not repeating what the
 * alert gave, an article alerted twice, and a hostile headline.
 * <p>
 * The quiet hours are set around the present hour in UTC, so readers in UTC are in them
 * and readers in Tokyo (UTC+9, no summer time) are not, whenever the test runs.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/alert-functional", "dispatch.alert.daily-cap=1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertFunctionalTests {

	static final Path DATA = Path.of("target/test-data/alert-functional");

	static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	static final GreenMail smtp = TestMail.server();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
		registry.add("dispatch.alert.quiet-from", () -> now.minusHours(2).toString());
		registry.add("dispatch.alert.quiet-until", () -> now.plusHours(2).toString());
		registry.add("dispatch.digest.weekly-day", () -> TODAY.getDayOfWeek().name());
	}

	@Autowired
	CommandLineInterface commandLine;

	@Autowired
	Articles articles;

	@Autowired
	Subscribers subscribers;

	Cli cli() {
		return new Cli(this.commandLine);
	}

	@Test
	@Order(1)
	void dryRunShowsTopicsAudienceAndTheAlertForOneReaderAndSendsNothing() throws IOException {
		// given: the newsroom's topics and articles, and readers of our own
		Path input = DATA.resolve("input");
		Cli cli = cli();
		assertThat(cli.run("topics", "import", Fixtures.copy("topics.yml", input).toString()).exitCode()).isZero();
		Path readers = input.resolve("readers.csv");
		Files.writeString(readers,
				String.join("\n", "email,name,topics,frequency,timezone,send_hour,alerts,keywords",
						"ana@example.com,Ana,Russia,daily,Asia/Tokyo,7,true,",
						"quinn@example.com,Quinn,Russia,daily,UTC,7,true,",
						"cap@example.com,Cap,Russia;Football,daily,Asia/Tokyo,7,true,",
						"off@example.com,Off,Russia,daily,Asia/Tokyo,7,false,",
						"gone@example.com,Gone,Russia,daily,Asia/Tokyo,7,true,",
						"kw@example.com,Kay,,daily,Asia/Tokyo,7,true,gas pipeline",
						"nk@example.com,Nico,North Korea,daily,Asia/Tokyo,7,true,", ""));
		Cli.Result imported = cli.run("subscribers", "import", readers.toString());
		assertThat(imported.exitCode()).as(imported.err()).isZero();
		this.subscribers.unsubscribe(this.subscribers.findByEmail("gone@example.com").orElseThrow().id());
		Cli.Result ingest = cli.run("ingest", "--quiet", "--from",
				Fixtures.copy("inbox/", input.resolve("inbox")).toString());
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();

		// when
		Cli.Result dry = cli.run("alert", "--article", Long.toString(id("Russian gas exports")), "--dry-run");

		// then: Russia matched; Ana and Kay (keywords) now, Quinn held; Off, Gone left
		// out
		assertThat(dry.exitCode()).as(dry.err()).isZero();
		assertThat(dry.out()).contains("Matched topics: Russia")
			.contains("readers' own keywords: 1")
			.contains("Audience: 3 now; 1 held for quiet hours")
			.contains("0 over the daily cap of 1")
			.contains("Subject: BREAKING: Russian gas exports to Asia rise")
			.contains("Dry run: nothing was sent.");
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	@Order(2)
	void alertGoesToFollowersAndKeywordReadersWithAlertsOnHoldsQuietHoursAndCapsTheDay() throws Exception {
		// given: Cap has had one alert today (the cap is 1)
		Cli cli = cli();
		Cli.Result football = cli.run("alert", "--article", Long.toString(id("Ten-man Ashbourne")));
		assertThat(football.exitCode()).as(football.err()).isZero();
		assertThat(football.out()).contains("1 sent, 0 held for quiet hours, 0 over the daily cap");
		assertThat(recipients()).containsExactly("cap@example.com");

		// when
		long gas = id("Russian gas exports");
		Cli.Result alert = cli.run("alert", "--article", Long.toString(gas), "--note", "Prices are moving.");

		// then
		assertThat(alert.exitCode()).as(alert.err()).isZero();
		assertThat(alert.out()).contains("2 sent, 1 held for quiet hours, 1 over the daily cap of 1")
			.contains("next digest");
		assertThat(recipients()).containsExactlyInAnyOrder("cap@example.com", "ana@example.com", "kw@example.com");
		MimeMessage ana = received("ana@example.com").get(0);
		assertThat(ana.getSubject())
			.isEqualTo("BREAKING: Russian gas exports to Asia rise as pipeline flows to Europe" + " dwindle");
		assertThat(ana.getHeader("Message-ID")[0]).matches("<alert\\." + gas + "\\.\\d+@dispatch\\.example\\.com>");
		assertThat(ana.getHeader("List-Unsubscribe")[0]).startsWith("<https://").contains("unsubscribe?token=");
		assertThat(ana.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(part(ana, "text/plain")).contains("BREAKING NEWS")
			.contains("From the editor: Prices are moving.")
			.contains("because you follow Russia");
		assertThat(part(ana, "text/html")).contains("BREAKING NEWS").contains("Unsubscribe");
		assertThat(part(received("kw@example.com").get(0), "text/plain")).contains("matched your own keywords");
	}

	@Test
	@Order(3)
	void theSameArticleTwiceSendsNothingNewAndSaysSo() {
		int before = smtp.getReceivedMessages().length;

		Cli.Result again = cli().run("alert", "--article", Long.toString(id("Russian gas exports")));

		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("already sent").contains("nothing new was sent");
		assertThat(smtp.getReceivedMessages()).hasSize(before);
		// and the run it names shows who got the alert and who did not
		String run = again.err().replaceAll("(?s).*\\(run (\\d+)\\).*", "$1");
		Cli.Result show = cli().run("jobs", "show", run, "--json");
		assertThat(show.out()).contains("\"job\" : \"alert\"")
			.contains("\"SENT\" : 2")
			.contains("\"HELD\" : 1")
			.contains("\"CAPPED\" : 1");
	}

	@Test
	@Order(4)
	void theNextDigestLeavesOutWhatTheAlertGaveAndCarriesWhatWasHeldOrCapped() throws Exception {
		int before = smtp.getReceivedMessages().length;

		Cli.Result digest = cli().run("digest", "--date", TODAY.toString());

		assertThat(digest.exitCode()).as(digest.err()).isZero();
		List<MimeMessage> digests = Arrays.stream(smtp.getReceivedMessages())
			.filter((message) -> messageId(message).startsWith("<digest."))
			.toList();
		assertThat(digests).hasSize(smtp.getReceivedMessages().length - before);
		String gas = "Russian gas exports to Asia rise";
		assertThat(text(digests, "ana@example.com")).contains("Putin and Kim Jong Un").doesNotContain(gas);
		assertThat(text(digests, "quinn@example.com")).contains(gas);
		assertThat(text(digests, "cap@example.com")).contains(gas).doesNotContain("Ten-man Ashbourne");
	}

	@Test
	@Order(5)
	void aHostileHeadlineCannotAddHeadersNorScript() throws Exception {
		int before = smtp.getReceivedMessages().length;
		long summit = id("Putin and Kim Jong Un");

		Cli.Result alert = cli().run("alert", "--article", Long.toString(summit), "--headline",
				"<script>alert(1)</script>\r\nBcc: victim@example.net", "--note", "<b>bold</b>\r\nX-Evil: 1");

		assertThat(alert.exitCode()).as(alert.err()).isZero();
		MimeMessage[] all = smtp.getReceivedMessages();
		assertThat(all.length).isGreaterThan(before);
		MimeMessage message = received("nk@example.com").stream()
			.filter((m) -> messageId(m).startsWith("<alert."))
			.findFirst()
			.orElseThrow();
		assertThat(message.getSubject()).isEqualTo("BREAKING: <script>alert(1)</script> Bcc: victim@example.net");
		assertThat(message.getHeader("Bcc")).isNull();
		assertThat(message.getHeader("X-Evil")).isNull();
		assertThat(message.getAllRecipients()).hasSize(1);
		String html = part(message, "text/html");
		assertThat(html).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<b>bold</b>")
			.contains("&lt;b&gt;bold&lt;/b&gt;");
	}

	@Test
	@Order(6)
	void anUnknownArticleIsRefusedWithTheFix() {
		Cli.Result alert = cli().run("alert", "--article", "999999", "--dry-run");

		assertThat(alert.exitCode()).isEqualTo(2);
		assertThat(alert.err()).contains("There is no article 999999").contains("dispatch articles list");
	}

	private long id(String headlineStart) {
		return this.articles.publishedSince(Instant.EPOCH, 100)
			.stream()
			.filter((article) -> article.headline().startsWith(headlineStart))
			.map(Article::id)
			.findFirst()
			.orElseThrow();
	}

	private static List<String> recipients() {
		return Arrays.stream(smtp.getReceivedMessages()).map(AlertFunctionalTests::recipient).toList();
	}

	private static List<MimeMessage> received(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter((m) -> recipient(m).equals(address)).toList();
	}

	private static String text(List<MimeMessage> messages, String address) throws Exception {
		MimeMessage message = messages.stream()
			.filter((m) -> recipient(m).equals(address))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no digest to " + address));
		return part(message, "text/plain");
	}

	static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String recipient(MimeMessage message) {
		try {
			return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String part(MimeMessage message, String type) throws MessagingException, IOException {
		Multipart multipart = (Multipart) message.getContent();
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (part.isMimeType(type)) {
				return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no " + type + " part in " + message.getSubject());
	}

}
