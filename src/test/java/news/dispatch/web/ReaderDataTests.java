package news.dispatch.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.subscriber.Subscriber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader's data from their own page, over real HTTP: downloaded as one JSON file (GDPR
 * article 15), and erased after a confirmation (article 17) so that no personal data is
 * left anywhere in the database while each edition's totals stay right. Clicks are kept
 * per reader here, and subscriber events for a webhook (that never answers), so that they
 * are part of both.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/reader-data", "dispatch.secret=" + Tokens.SECRET,
				"dispatch.digest.lookback-days=100000", "dispatch.tracking.per-reader=true",
				"dispatch.tracking.scanner-window=0s", "dispatch.outbound.endpoints[0].name=crm",
				"dispatch.outbound.endpoints[0].url=http://127.0.0.1:9/events",
				"dispatch.outbound.endpoints[0].secret=a secret the crm shares",
				"dispatch.outbound.endpoints[0].events=subscriber.changed,subscriber.unsubscribed" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("postgres")
class ReaderDataTests {

	static final Path DATA = Path.of("target/test-data/reader-data");

	private static final Pattern CLICK = Pattern.compile("https://dispatch\\.example\\.com(/r/[^\"\\s]+)");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	/**
	 * The newsroom, and an edition (2033-04-04) sent to every reader, each of whom
	 * followed the story's link once.
	 */
	@BeforeAll
	void editionSentAndFollowed() throws Exception {
		ReaderPages.newsroom(this.cli, DATA);
		assertThat(this.cli.run("digest", "--date", "2033-04-04", "--quiet").exitCode()).isZero();
		HttpClient http = HttpClient.newHttpClient();
		for (String reader : List.of("ana", "ben", "cy", "dee", "eve", "fay")) {
			String html = TestMail.part(TestMail.awaitReceived(reader + "@example.com", 1).get(0), "text/html");
			Matcher click = CLICK.matcher(html);
			assertThat(click.find()).as(reader).isTrue();
			HttpResponse<Void> followed = http
				.send(HttpRequest.newBuilder(URI.create(this.site.url(click.group(1).replace("&amp;", "&"))))
					.header("User-Agent", "Mozilla/5.0 (a reader's browser)")
					.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(followed.statusCode()).as(reader).isEqualTo(302);
		}
	}

	@Test
	void aReaderDownloadsEverythingKeptAboutThemAsJson() throws Exception {
		OnPage ana = OnPage.open(this.site, "ana");
		assertThat(ana.view().body()).contains("<form method=\"post\" action=\"/preferences/data\">");

		HttpResponse<String> download = ana.post("/preferences/data");

		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).contains("attachment").contains("my-data.json"));
		JsonNode data = JsonMapper.builder().build().readTree(download.body());
		assertThat(data.at("/subscriber/email").asString()).isEqualTo("ana@example.com");
		assertThat(data.at("/subscriber/name").asString()).isEqualTo("Reader ANA");
		assertThat(data.at("/subscriber/status").asString()).isEqualTo("ACTIVE");
		assertThat(data.at("/subscriptions/topics/0").asString()).isEqualTo("Harbour");
		assertThat(data.at("/subscriptions/frequency").asString()).isEqualTo("DAILY");
		assertThat(data.at("/messages/0/edition").asString()).isEqualTo("2033-04-04");
		assertThat(data.at("/messages/0/status").asString()).isEqualTo("SENT");
		assertThat(data.at("/clicksKeptPerReader").asBoolean()).isTrue();
		assertThat(data.at("/clicks")).hasSize(1);
		assertThat(data.at("/clicks/0/edition").asString()).isEqualTo("2033-04-04");
		assertThat(data.has("changesByYou")).isTrue();
		assertThat(data.has("statusChanges")).isTrue();

		// without the page's CSRF token (a form on another site): nothing
		HttpResponse<String> forged = this.site.stranger().post("/preferences/data", Map.of("token", ana.token()));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("nothing was downloaded").doesNotContain("\"subscriptions\"");
	}

	@Test
	void erasingAskedForThenConfirmedLeavesNoPersonalDataButTheEditionTotals() throws Exception {
		// given: eve, sent the edition, who clicked, named and with keywords
		OnPage eve = OnPage.open(this.site, "eve");
		assertThat(eve.post("/preferences", ReaderPages.choices("keywords", "lighthouse OR eveswatch")).statusCode())
			.isEqualTo(200);
		assertThat(textColumnsHolding("eve@example.com")).as("where her address is kept")
			.contains("subscriber.email", "webhook_event.body");
		long messages = editionMessages();
		long clicks = this.jdbc.sql("select count(*) from link_click").query(Long.class).single();

		// when: she asks to erase her data, the page asks first and changes nothing
		HttpResponse<String> asked = eve.browser().get("/preferences/erase?token=" + eve.token());
		assertThat(asked.statusCode()).isEqualTo(200);
		assertThat(asked.body()).contains("Erase your data?")
			.contains("<form method=\"post\" action=\"/preferences/erase\">");
		assertThat(this.site.reader(eve.id()).active()).isTrue();
		// a forged form (no CSRF token) erases nothing
		HttpResponse<String> forged = this.site.stranger().post("/preferences/erase", Map.of("token", eve.token()));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("nothing was erased");
		assertThat(this.site.findReader("eve@example.com")).isPresent();

		// and: she confirms
		HttpResponse<String> erased = eve.browser()
			.post("/preferences/erase", Map.of("token", eve.token(), "_csrf",
					eve.browser().csrf("/preferences/erase?token=" + eve.token())));

		// then: no text column of any table holds her address, her name or her keywords
		assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
		assertThat(erased.body()).contains("Your data is erased");
		assertThat(this.site.findReader("eve@example.com")).isEmpty();
		assertThat(textColumnsHolding("eve@example.com")).isEmpty();
		assertThat(textColumnsHolding("Reader EVE")).isEmpty();
		assertThat(textColumnsHolding("eveswatch")).isEmpty();
		Subscriber gone = this.site.reader(eve.id());
		assertThat(gone.email()).isEqualTo("erased-" + eve.id());
		assertThat(gone.name()).isEmpty();
		assertThat(gone.topics()).isEmpty();
		assertThat(gone.status().name()).isEqualTo("ERASED");
		assertThat(this.jdbc.sql("select erased_hash from subscriber where id = ?")
			.param(eve.id())
			.query(String.class)
			.single()).matches("[0-9a-f]{64}");
		// and: the edition's totals are what they were, her click counted without her
		assertThat(editionMessages()).isEqualTo(messages);
		assertThat(this.jdbc.sql("select count(*) from link_click").query(Long.class).single()).isEqualTo(clicks);
		assertThat(this.jdbc.sql("select count(*) from link_click where subscriber_id = ?")
			.param(eve.id())
			.query(Long.class)
			.single()).isZero();

		// and: her old links open nothing of hers; one-click unsubscribe still answers
		assertThat(eve.view().statusCode()).isEqualTo(400);
		HttpResponse<String> oneClick = this.site.stranger()
			.post(this.site.unsubscribePage(eve.id()), Map.of("List-Unsubscribe", "One-Click"));
		assertThat(oneClick.statusCode()).isEqualTo(200);
		assertThat(oneClick.body()).contains("Your data is erased").doesNotContain("erased-");
		assertThat(this.site.reader(eve.id()).status().name()).isEqualTo("ERASED");

		// and: an import does not bring the address back; her own sign-up does
		Path csv = Files.writeString(Files.createDirectories(DATA.resolve("again")).resolve("subscribers.csv"),
				"email,topics\neve@example.com,Harbour\n");
		Cli.Result imported = this.cli.run("subscribers", "import", csv.toString());
		assertThat(imported.out() + imported.err()).contains("erased at its reader's request");
		assertThat(this.site.findReader("eve@example.com")).isEmpty();
		HttpResponse<String> signUp = SubscriberPagesTests.subscribe(eve.browser(),
				SubscriberPagesTests.signUp("eve@example.com", "Harbour", ""));
		assertThat(signUp.statusCode()).isEqualTo(200);
		assertThat(this.site.findReader("eve@example.com").orElseThrow().status().name()).isEqualTo("PENDING");
	}

	private long editionMessages() {
		return this.jdbc.sql("select count(*) from delivery where kind = 'digest' and edition_key = '2033-04-04'")
			.query(Long.class)
			.single();
	}

	@Test
	void anOperatorErasesAReaderWhoAskedByLetter() throws Exception {
		// given: a reader who asked by letter to be erased
		Subscriber fay = this.site.reader("fay@example.com");

		// when: the operator erases her, without saying how she asked
		Cli.Result unsaid = this.cli.run("subscribers", "erase", "fay@example.com", "--reason", " ");

		// then: nothing is erased, and the operator is told what to add
		assertThat(unsaid.exitCode()).isEqualTo(2);
		assertThat(unsaid.err()).contains("--reason");
		assertThat(this.site.findReader("fay@example.com")).isPresent();

		// when: with the reason
		Cli.Result erased = this.cli.run("subscribers", "erase", "fay@example.com", "--reason", "letter of 3 December");

		// then: her data is gone as with the page's button, and the reason is kept
		assertThat(erased.exitCode()).as(erased.err()).isZero();
		assertThat(erased.out()).contains("fay@example.com is erased (now erased-" + fay.id() + ")");
		assertThat(textColumnsHolding("fay@example.com")).isEmpty();
		assertThat(this.site.reader(fay.id()).status().name()).isEqualTo("ERASED");
		assertThat(this.jdbc.sql("select reason from subscriber_status_change where subscriber_id = ?")
			.param(fay.id())
			.query(String.class)
			.list()).containsExactly("erased by an operator: letter of 3 December");

		// and: an unknown or erased address says so
		Cli.Result again = this.cli.run("subscribers", "erase", "fay@example.com", "--reason", "again");
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("No subscriber has the address fay@example.com");
	}

	/**
	 * "table.column" of every text column in the application's schema that holds the text
	 * anywhere in a row.
	 */
	private List<String> textColumnsHolding(String text) {
		List<String> found = new ArrayList<>();
		List<Map<String, Object>> columns = this.jdbc
			.sql("select table_name, column_name from information_schema.columns where lower(table_schema) = 'public'"
					+ " and (lower(data_type) like '%char%' or lower(data_type) in ('text', 'character large object'))")
			.query()
			.listOfRows();
		assertThat(columns).as("text columns").hasSizeGreaterThan(20);
		for (Map<String, Object> column : columns) {
			// quoted as kept: Flyway's own table is in lower case on H2
			String table = String.valueOf(column.get("table_name"));
			String name = String.valueOf(column.get("column_name"));
			long rows = this.jdbc.sql("select count(*) from \"" + table + "\" where \"" + name + "\" like ?")
				.param("%" + text + "%")
				.query(Long.class)
				.single();
			if (rows > 0) {
				found.add((table + "." + name).toLowerCase(java.util.Locale.ROOT));
			}
		}
		return found;
	}

}
