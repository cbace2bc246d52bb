package news.dispatch.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.TestDatabase;
import news.dispatch.TestMail;
import news.dispatch.article.Articles;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
@Tag("postgres")
class AlertFunctionalTests {

	static final Path DATA = Path.of("target/test-data/alert-functional");

	static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
		registry.add("dispatch.alert.quiet-from", () -> now.minusHours(2).toString());
		registry.add("dispatch.alert.quiet-until", () -> now.plusHours(2).toString());
		registry.add("dispatch.digest.weekly-day", () -> TODAY.getDayOfWeek().name());
	}

	@Autowired
	Cli cli;

	@Autowired
	Articles articles;

	@Autowired
	Subscribers subscribers;

	@Autowired
	DataSource dataSource;

	/**
	 * Every test starts from the newsroom's topics and articles and readers of our own:
	 * Ana (Tokyo), Quinn (UTC, in quiet hours), Cap (Russia and Football), Off (alerts
	 * off), Gone (unsubscribed), Kay (keywords only) and Nico (North Korea).
	 */
	@BeforeEach
	void newsroomAndReaders() throws IOException {
		TestDatabase.empty(this.dataSource);
		TestMail.purge();
		Path input = DATA.resolve("input");
		assertThat(this.cli.run("topics", "import", Fixtures.copy("topics.yml", input).toString()).exitCode()).isZero();
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
		Cli.Result imported = this.cli.run("subscribers", "import", readers.toString());
		assertThat(imported.exitCode()).as(imported.err()).isZero();
		this.subscribers.unsubscribe(this.subscribers.findByEmail("gone@example.com").orElseThrow().id());
		Cli.Result ingest = this.cli.run("ingest", "--quiet", "--from",
				Fixtures.copy("inbox/", input.resolve("inbox")).toString());
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
	}

	/**
	 * The football story alerted (to Cap, who reaches the daily cap of 1), then the gas
	 * story (to Ana and Kay; Quinn held, Cap capped).
	 */
	private void footballThenGasAlerted() {
		Cli.Result football = this.cli.run("alert", "--article", Long.toString(id("Ten-man Ashbourne")));
		assertThat(football.exitCode()).as(football.err()).isZero();
		Cli.Result gas = this.cli.run("alert", "--article", Long.toString(id("Russian gas exports")), "--note",
				"Prices are moving.");
		assertThat(gas.exitCode()).as(gas.err()).isZero();
	}

	@Test
	void dryRunShowsTopicsAudienceAndTheAlertForOneReaderAndSendsNothing() throws IOException {
		// given: the newsroom's topics and articles, and readers of our own

		// when
		Cli.Result dry = this.cli.run("alert", "--article", Long.toString(id("Russian gas exports")), "--dry-run");

		// then: Russia matched; Ana and Kay (keywords) now, Quinn held; Off, Gone left
		// out
		assertThat(dry.exitCode()).as(dry.err()).isZero();
		assertThat(dry.out()).contains("Matched topics: Russia")
			.contains("readers' own keywords: 1")
			.contains("Audience: 3 now; 1 held for quiet hours")
			.contains("0 over the daily cap of 1")
			.contains("Subject: BREAKING: Russian gas exports to Asia rise")
			.contains("Dry run: nothing was sent.");
		assertThat(TestMail.received()).isEmpty();
	}

	@Test
	void alertGoesToFollowersAndKeywordReadersWithAlertsOnHoldsQuietHoursAndCapsTheDay() throws Exception {
		// given: Cap has had one alert today (the cap is 1)
		Cli.Result football = this.cli.run("alert", "--article", Long.toString(id("Ten-man Ashbourne")));
		assertThat(football.exitCode()).as(football.err()).isZero();
		assertThat(football.out()).contains("1 sent, 0 held for quiet hours, 0 over the daily cap");
		assertThat(TestMail.recipients()).containsExactly("cap@example.com");

		// when
		long gas = id("Russian gas exports");
		Cli.Result alert = this.cli.run("alert", "--article", Long.toString(gas), "--note", "Prices are moving.");

		// then
		assertThat(alert.exitCode()).as(alert.err()).isZero();
		assertThat(alert.out()).contains("2 sent, 1 held for quiet hours, 1 over the daily cap of 1")
			.contains("next digest");
		assertThat(TestMail.recipients()).containsExactlyInAnyOrder("cap@example.com", "ana@example.com",
				"kw@example.com");
		MimeMessage ana = TestMail.received("ana@example.com").get(0);
		assertThat(ana.getSubject())
			.isEqualTo("BREAKING: Russian gas exports to Asia rise as pipeline flows to Europe" + " dwindle");
		assertThat(ana.getHeader("Message-ID")[0]).matches("<alert\\." + gas + "\\.\\d+@dispatch\\.example\\.com>");
		assertThat(ana.getHeader("List-Unsubscribe")[0]).startsWith("<https://").contains("unsubscribe?token=");
		assertThat(ana.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(TestMail.part(ana, "text/plain")).contains("BREAKING NEWS")
			.contains("From the editor: Prices are moving.")
			.contains("because you follow Russia");
		assertThat(TestMail.part(ana, "text/html")).contains("BREAKING NEWS").contains("Unsubscribe");
		assertThat(TestMail.part(TestMail.received("kw@example.com").get(0), "text/plain"))
			.contains("matched your own keywords");
	}

	@Test
	void theSameArticleTwiceSendsNothingNewAndSaysSo() {
		// given: the gas story alerted once
		footballThenGasAlerted();
		int before = TestMail.received().size();

		Cli.Result again = this.cli.run("alert", "--article", Long.toString(id("Russian gas exports")));

		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("already sent").contains("nothing new was sent");
		assertThat(TestMail.received()).hasSize(before);
		// and the run it names shows who got the alert and who did not
		String run = again.err().replaceAll("(?s).*\\(run (\\d+)\\).*", "$1");
		Cli.Result show = this.cli.run("jobs", "show", run, "--json");
		assertThat(show.out()).contains("\"job\" : \"alert\"")
			.contains("\"SENT\" : 2")
			.contains("\"HELD\" : 1")
			.contains("\"CAPPED\" : 1");
	}

	@Test
	void theNextDigestLeavesOutWhatTheAlertGaveAndCarriesWhatWasHeldOrCapped() throws Exception {
		// given: the gas story alerted to Ana, held for Quinn and over Cap's cap
		footballThenGasAlerted();
		int before = TestMail.received().size();

		Cli.Result digest = this.cli.run("digest", "--date", TODAY.toString());

		assertThat(digest.exitCode()).as(digest.err()).isZero();
		List<MimeMessage> digests = TestMail.received()
			.stream()
			.filter((message) -> TestMail.messageId(message).startsWith("<digest."))
			.toList();
		assertThat(digests).hasSize(TestMail.received().size() - before);
		String gas = "Russian gas exports to Asia rise";
		assertThat(text(digests, "ana@example.com")).contains("Putin and Kim Jong Un").doesNotContain(gas);
		assertThat(text(digests, "quinn@example.com")).contains(gas);
		assertThat(text(digests, "cap@example.com")).contains(gas).doesNotContain("Ten-man Ashbourne");
	}

	@Test
	void aHostileHeadlineCannotAddHeadersNorScript() throws Exception {
		int before = TestMail.received().size();
		long summit = id("Putin and Kim Jong Un");

		Cli.Result alert = this.cli.run("alert", "--article", Long.toString(summit), "--headline",
				"<script>alert(1)</script>\r\nBcc: victim@example.net", "--note", "<b>bold</b>\r\nX-Evil: 1");

		assertThat(alert.exitCode()).as(alert.err()).isZero();
		List<MimeMessage> all = TestMail.received();
		assertThat(all.size()).isGreaterThan(before);
		MimeMessage message = TestMail.received("nk@example.com")
			.stream()
			.filter((m) -> TestMail.messageId(m).startsWith("<alert."))
			.findFirst()
			.orElseThrow();
		assertThat(message.getSubject()).isEqualTo("BREAKING: <script>alert(1)</script> Bcc: victim@example.net");
		assertThat(message.getHeader("Bcc")).isNull();
		assertThat(message.getHeader("X-Evil")).isNull();
		assertThat(message.getAllRecipients()).hasSize(1);
		String html = TestMail.part(message, "text/html");
		assertThat(html).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<b>bold</b>")
			.contains("&lt;b&gt;bold&lt;/b&gt;");
	}

	@Test
	void anUnknownArticleIsRefusedWithTheFix() {
		Cli.Result alert = this.cli.run("alert", "--article", "999999", "--dry-run");

		assertThat(alert.exitCode()).isEqualTo(2);
		assertThat(alert.err()).contains("There is no article 999999").contains("dispatch articles list");
	}

	private long id(String headlineStart) {
		return Newsroom.articleId(this.articles, headlineStart);
	}

	private static String text(List<MimeMessage> messages, String address) throws Exception {
		MimeMessage message = messages.stream()
			.filter((m) -> TestMail.recipient(m).equals(address))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no digest to " + address));
		return TestMail.part(message, "text/plain");
	}

}
