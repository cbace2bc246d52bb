package news.dispatch.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.TestPasswords;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An edition goes out; its links are clicked as a reader and as link scanners would (a
 * HEAD request, a scanner's User-Agent); an editor reads the clicks page: the figures of
 * {@code dispatch stats edition}, per topic, per story and in total, scanners apart.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/editor-clicks", "dispatch.tracking.scanner-window=60s",
				"dispatch.site.url=https://news.example/dispatch",
				"dispatch.editors.users.maria=" + TestPasswords.S3CRET_PASS, "dispatch.operator.username=operator",
				"dispatch.operator.password=" + TestPasswords.S3CRET_FOR_TESTS })
@Tag("postgres")
class EditorClicksPageTests {

	static final Path DATA = Path.of("target/test-data/editor-clicks");

	static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile Safari";

	static final String SCANNER = "Mozilla/5.0 (compatible; Barracuda Sentinel)";

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void anEditorSeesAnEditionsClicksPerTopicAndStoryWithLinkScannersApart() throws Exception {
		// given: today's digest of two stories under two topics, sent to a reader
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("Harbour", "harbour")
			.topic("Council", "council")
			.subscriber("ana@example.com", "Harbour;Council")
			.load();
		Path inbox = Files.createDirectories(DATA.resolve("stories"));
		Files.writeString(inbox.resolve("harbour.json"), """
				{"headline": "Harbour fees rise", "url": "https://paper.example/harbour-fees",
				 "body": "The harbour authority raised its fees on Monday for every ship that docks in the harbour."}
				""");
		Files.writeString(inbox.resolve("council.json"), """
				{"headline": "Council votes on the new bridge", "url": "https://paper.example/council-bridge",
				 "body": "The council voted on Tuesday to build a new bridge, the council leader said after the vote."}
				""");
		assertThat(this.cli.run("ingest", "--from", inbox.toString()).exitCode()).isZero();
		String date = LocalDate.now(ZoneOffset.UTC).toString();
		Cli.Result digest = this.cli.run("digest", "--date", date);
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		MimeMessage message = TestMail.awaitReceived("ana@example.com", 1).get(0);
		Document mail = Jsoup.parse(TestMail.part(message, "text/html"));
		String harbour = link(mail, "Harbour fees rise");
		String council = link(mail, "Council votes on the new bridge");
		// (no open-tracking pixel: the digest loads nothing from the site)
		assertThat(mail.select("img[src*=news.example], [style*=news.example]")).isEmpty();
		// (as if the reader opens it two minutes after it was sent)
		OffsetDateTime sent = this.jdbc.sql("select sent_at from delivery").query(OffsetDateTime.class).single();
		this.jdbc.sql("update delivery set sent_at = ?").param(sent.minusMinutes(2)).update();

		// when: a mail filter checks a link with HEAD and another with a scanner's agent
		assertThat(go(council, "HEAD", BROWSER).statusCode()).isEqualTo(302);
		assertThat(go(harbour, "GET", SCANNER).statusCode()).isEqualTo(302);
		// and: the reader opens the harbour story twice and the council story once
		assertThat(go(harbour, "GET", BROWSER).headers().firstValue("Location"))
			.hasValue("https://paper.example/harbour-fees");
		go(harbour, "GET", BROWSER);
		go(council, "GET", BROWSER);
		// and: an altered link and a forged one are followed
		String altered = harbour.substring(0, harbour.length() - 2) + (harbour.endsWith("AA") ? "BB" : "AA");
		String forged = "/r/"
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(("c1|digest|" + date + "|1|1|").getBytes(StandardCharsets.US_ASCII))
				+ ".AAAAAAAAAAAAAAAAAAAAAA";
		assertThat(go(altered, "GET", BROWSER).statusCode()).isEqualTo(400);
		assertThat(go(forged, "GET", BROWSER).statusCode()).isEqualTo(400);

		// then: the page is the editors' only
		assertThat(this.site.browser().get("/editor/clicks").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/editor/login"));
		Site.Client editor = this.site.browser();
		login(editor);
		assertThat(Jsoup.parse(editor.get("/editor").body()).select("a[href=/editor/clicks]")).hasSize(1);
		// and: it shows the edition's figures, readers apart from scanners, altered links
		// not counted
		HttpResponse<String> answer = editor.get("/editor/clicks?date=" + date);
		assertThat(answer.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(answer.body());
		assertThat(page.selectFirst("meta[name=viewport]").attr("content")).contains("width=device-width");
		assertThat(page.getElementById("readers").text()).isEqualTo("3");
		assertThat(page.getElementById("scanners").text()).isEqualTo("2");
		assertThat(page.getElementById("sent").text()).isEqualTo("1");
		assertThat(page.text()).contains("1 by HEAD requests").contains("1 by a link scanner's User-Agent");
		assertThat(rows(page, "by-topic")).containsExactly(Map.entry("Harbour", 2L), Map.entry("Council", 1L));
		assertThat(rows(page, "by-story")).containsExactly(Map.entry("Harbour fees rise", 2L),
				Map.entry("Council votes on the new bridge", 1L));
		Element latest = page.getElementById("latest").selectFirst("li");
		assertThat(latest.selectFirst("a").attr("href")).isEqualTo("/editor/clicks?date=" + date);
		assertThat(latest.text()).contains("3 by readers · 2 by link scanners");
		// and: the same figures as the command line's
		Cli.Result stats = this.cli.run("stats", "edition", date, "--json");
		JsonNode json = JsonMapper.builder().build().readTree(stats.out());
		assertThat(json.get("readers").asLong()).isEqualTo(3);
		assertThat(json.get("scanners").get("head").asLong() + json.get("scanners").get("agent").asLong()).isEqualTo(2);
		assertThat(rows(page, "by-topic")).isEqualTo(longs(json.get("topics")));
		assertThat(rows(page, "by-story")).isEqualTo(longs(json.get("stories")));
		// and: without a date it shows the latest edition
		assertThat(Jsoup.parse(editor.get("/editor/clicks").body()).getElementById("readers").text()).isEqualTo("3");
		// and: Prometheus has the counters, readers and scanners apart
		String metrics = metrics();
		assertThat(metrics).containsPattern("dispatch_clicks_total\\{[^}]*by=\"reader\"[^}]*\\} 3\\.0")
			.containsPattern("dispatch_clicks_total\\{[^}]*by=\"scanner\"[^}]*\\} 2\\.0");
	}

	@Test
	void aDayWithoutAnEditionShowsNothingClickedAndABadDateSaysHowToWriteOne() throws Exception {
		Site.Client editor = this.site.browser();
		login(editor);

		Document empty = Jsoup.parse(editor.get("/editor/clicks?date=2001-01-01").body());
		HttpResponse<String> bad = editor.get("/editor/clicks?date=yesterday");

		assertThat(empty.getElementById("readers").text()).isEqualTo("0");
		assertThat(empty.text()).contains("No reader has clicked a story of this edition (none was sent)");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(bad.body()).selectFirst(".error").text())
			.contains("\"yesterday\" is not a date: give the edition as YYYY-MM-DD");
	}

	private static String link(Document mail, String headline) {
		Element anchor = mail.select("a[href*=/r/]")
			.stream()
			.filter((a) -> a.text().equals(headline))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no tracked link for " + headline + " in " + mail.html()));
		String href = anchor.attr("href");
		assertThat(href).startsWith("https://news.example/dispatch/r/");
		return href.substring("https://news.example/dispatch".length());
	}

	private static Map<String, Long> rows(Document page, String table) {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (Element row : page.getElementById(table).select("tbody tr")) {
			rows.put(row.child(0).text(), Long.parseLong(row.child(1).text()));
		}
		return rows;
	}

	private static Map<String, Long> longs(JsonNode object) {
		Map<String, Long> values = new LinkedHashMap<>();
		object.properties().forEach((entry) -> values.put(entry.getKey(), entry.getValue().asLong()));
		return values;
	}

	private static void login(Site.Client editor) throws Exception {
		HttpResponse<String> answer = editor.post("/editor/login",
				Map.of("username", "maria", "password", "s3cret-pass", "_csrf", editor.csrf("/editor/login")));
		assertThat(answer.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/editor"));
	}

	/**
	 * A request as a reader's client or a link scanner sends it.
	 */
	private HttpResponse<String> go(String path, String method, String agent) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.site.url(path)))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("User-Agent", agent)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * What Prometheus reads, with the operator's login.
	 */
	private String metrics() throws Exception {
		String login = Base64.getEncoder().encodeToString("operator:s3cret-for-tests".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> metrics = this.http
			.send(HttpRequest.newBuilder(URI.create(this.site.url("/actuator/prometheus")))
				.header("Authorization", "Basic " + login)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.statusCode()).isEqualTo(200);
		return metrics.body();
	}

}
