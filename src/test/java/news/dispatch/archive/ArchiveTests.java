package news.dispatch.archive;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestMail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public archive over real HTTP: topic pages, editions, feeds read back by a feed
 * reader's parser (Rome), conditional GET, search in the topic language, every kind of
 * bad input, and the web copy of each reader's own digest behind its signed link.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/archive", "dispatch.digest.lookback-days=100000",
				"dispatch.archive.page-size=5", "dispatch.site.url=" + ArchiveTests.SITE + "/" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("postgres")
class ArchiveTests {

	static final Path DATA = Path.of("target/test-data/archive");

	/** Where the links in mail lead ({@code dispatch.site.url}). */
	static final String SITE = "https://news.example.com";

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void newsroom(@Autowired ArchiveIndex index) throws Exception {
		ArchiveNewsroom.load(this.cli, index, DATA.resolve("input"), 7);
	}

	@Test
	void theIndexListsTheArchivedTopicsAndTodaysEditionButNotATopicKeptOff() throws Exception {
		HttpResponse<String> index = get("/archive");

		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(index.body()).contains("href=\"/archive/topics/north-korea\"")
			.contains("href=\"/archive/topics/russia\"")
			.contains("href=\"/archive/topics/russia.atom\"")
			.contains("/archive/editions/")
			.doesNotContain("Staff notes")
			.doesNotContain("@example.net");
		assertThat(index.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(get("/archive/topics/staff-notes").statusCode()).isEqualTo(404);
		assertThat(get("/archive/topics/staff-notes.atom").statusCode()).isEqualTo(404);
	}

	@Test
	void aTopicPageShowsItsStoriesNewestFirstWithSourceTimePassageAndPages() throws Exception {
		HttpResponse<String> first = get("/archive/topics/russia");

		assertThat(first.statusCode()).isEqualTo(200);
		String page = first.body();
		// 8 Russia stories, 5 a page: the newest first, the oldest on page 2
		assertThat(page).contains("8 stories, newest first")
			.contains("Page 1 of 2")
			.contains("rel=\"next\" href=\"/archive/topics/russia?page=2\"");
		assertThat(page.indexOf("Kremlin answers new sanctions")).isLessThan(page.indexOf("Russia story number 0"));
		assertThat(page).contains("<a href=\"https://wire.example.com/kremlin\">Kremlin answers new sanctions</a>")
			.contains("wire.example.com · <time datetime=\"")
			.contains("<mark>Russia</mark>")
			.doesNotContain("Russia story number 6");
		assertThat(get("/archive/topics/russia?page=2").body()).contains("Russia story number 6")
			.doesNotContain("Kremlin answers");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
		assertThat(first.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
	}

	@Test
	void theEditionOfADayShowsItsStoriesPerArchivedTopicAndNoReaderData() throws Exception {
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		HttpResponse<String> edition = get("/archive/editions/" + today);

		// the stories were published in the last hours: today's or, just after midnight,
		// yesterday's edition
		if (edition.statusCode() == 404) {
			edition = get("/archive/editions/" + java.time.LocalDate.parse(today).minusDays(1));
		}
		assertThat(edition.statusCode()).isEqualTo(200);
		assertThat(edition.body()).contains("id=\"topic-russia\"")
			.doesNotContain("Canteen")
			.doesNotContain("@example.net")
			.doesNotContain("Ann Reader");
		assertThat(get("/archive/editions/1999-01-01").statusCode()).isEqualTo(404);
	}

	@Test
	void theAtomFeedIsValidForAFeedReaderWithStableIdsUpdatedAndASelfLink() throws Exception {
		HttpResponse<String> response = get("/archive/topics/russia.atom");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
		Feed feed = (Feed) new WireFeedInput().build(new StringReader(response.body()));
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		assertThat(feed.getId()).startsWith("urn:uuid:");
		assertThat(feed.getUpdated()).isNotNull();
		assertThat(feed.getTitle()).isEqualTo("Dispatch: Russia");
		assertThat(feed.getAuthors()).isNotEmpty();
		Link self = feed.getOtherLinks().stream().filter((l) -> "self".equals(l.getRel())).findFirst().orElseThrow();
		assertThat(self.getHref()).isEqualTo("https://news.example.com/archive/topics/russia.atom");
		assertThat(feed.getEntries()).hasSize(8);
		Set<String> ids = new HashSet<>();
		for (Entry entry : feed.getEntries()) {
			assertThat(entry.getId()).startsWith("urn:uuid:");
			assertThat(ids.add(entry.getId())).as("ids are unique").isTrue();
			assertThat(entry.getUpdated()).isNotNull();
			assertThat(entry.getTitle()).isNotBlank();
			assertThat(entry.getAlternateLinks()).isNotEmpty();
			assertThat(entry.getAlternateLinks().get(0).getHref()).startsWith("https://");
			assertThat(entry.getUpdated()).isBeforeOrEqualTo(feed.getUpdated());
		}
		assertThat(feed.getEntries().get(0).getTitle()).isEqualTo("Kremlin answers new sanctions");
		// and the same ids on the next fetch
		Feed again = (Feed) new WireFeedInput().build(new StringReader(get("/archive/topics/russia.atom").body()));
		assertThat(again.getEntries().stream().map(Entry::getId).toList())
			.isEqualTo(feed.getEntries().stream().map(Entry::getId).toList());
		SyndFeed asRead = new SyndFeedInput().build(new StringReader(response.body()));
		assertThat(asRead.getEntries()).hasSize(8);
	}

	@Test
	void feedsAnswerAConditionalGetWith304AndNoBody() throws Exception {
		HttpResponse<String> first = get("/archive/topics/russia.atom");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");

		HttpResponse<String> byTag = send(request("/archive/topics/russia.atom").header("If-None-Match", etag));
		HttpResponse<String> byTime = send(
				request("/archive/topics/russia.atom").header("If-Modified-Since", lastModified));
		HttpResponse<String> otherTag = send(
				request("/archive/topics/russia.atom").header("If-None-Match", "\"something-else\""));

		assertThat(byTag.statusCode()).isEqualTo(304);
		assertThat(byTag.body()).isEmpty();
		assertThat(byTime.statusCode()).isEqualTo(304);
		assertThat(otherTag.statusCode()).isEqualTo(200);
		assertThat(get("/archive/topics/russia.json").headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
	}

	@Test
	void theJsonFeedFollowsVersionOnePointOne() throws Exception {
		HttpResponse<String> response = get("/archive/topics/north-korea.json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/feed+json");
		JsonNode feed = JsonMapper.builder().build().readTree(response.body());
		assertThat(feed.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(feed.get("feed_url").asString())
			.isEqualTo("https://news.example.com/archive/topics/north-korea.json");
		assertThat(feed.get("items")).hasSize(1);
		JsonNode item = feed.get("items").get(0);
		assertThat(item.get("id").asString()).startsWith("urn:uuid:");
		assertThat(item.get("title").asString()).isEqualTo("Pyongyang fires a missile over the sea");
		assertThat(item.get("url").asString()).isEqualTo("https://news.example.org/korea-missile");
		assertThat(item.get("date_published").asString()).endsWith("Z");
	}

	@Test
	void searchUsesTheTopicLanguageAndShowsOnlyStoriesOfArchivedTopics() throws Exception {
		assertThat(get("/archive/search?q=" + enc("\"north korea\" missile")).body()).contains("1 story for")
			.contains("Pyongyang fires a missile");
		assertThat(get("/archive/search?q=" + enc("headline:kremlin")).body()).contains("Kremlin answers");
		assertThat(get("/archive/search?q=" + enc("russia -kremlin")).body()).contains("7 stories for")
			.doesNotContain("Kremlin answers");
		assertThat(get("/archive/search?q=canteen").body()).contains("0 stories for").doesNotContain("Canteen closes");
		assertThat(get("/archive/search").statusCode()).isEqualTo(200);
	}

	@Test
	void badInputGetsAStyledPageWithTheReasonAndNeverAStackTrace() throws Exception {
		assertProblem(get("/archive/topics/no-such-topic"), 404, "No such topic");
		assertProblem(get("/archive/topics/no-such-topic.atom"), 404, "No such topic");
		assertProblem(get("/archive/editions/2026-13-45"), 404, "No such edition");
		assertProblem(get("/archive/editions/yesterday"), 404, "No such edition");
		assertProblem(get("/archive/nothing/here"), 404, "Page not found");
		assertProblem(get("/archive/topics/russia?page=99999999999999999999"), 400, "give a number from 1 to 2");
		assertProblem(get("/archive/topics/russia?page=3"), 400, "give a number from 1 to 2");
		assertProblem(get("/archive/topics/russia?page=-1"), 400, "No such page");
		assertProblem(get("/archive/topics/russia?page=" + enc("1' or '1'='1")), 400, "No such page");
		assertProblem(get("/archive/search?q=" + enc("\"north korea")), 400, "Search not understood");
		assertProblem(get("/archive/search?q=" + enc("*ussia")), 400, "Search not understood");
		assertProblem(get("/archive/search?q=" + enc("title:russia")), 400, "Search not understood");
		assertProblem(get("/archive/search?q=" + enc("(((((russia")), 400, "Search not understood");
		assertProblem(get("/archive/search?q=" + "russia+".repeat(200)), 400, "Search too long");
		assertProblem(get("/archive/search?q=russia&page=1000000"), 400, "No such page");
		assertProblem(get("/archive/search?q=" + enc("<script>alert(1)</script> \"")), 400, "&lt;script&gt;");
		HttpResponse<String> markup = get("/archive/search?q=" + enc("<script>alert(1)</script>"));
		assertThat(markup.statusCode()).isEqualTo(200);
		assertThat(markup.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
		HttpResponse<String> posted = send(request("/archive").POST(HttpRequest.BodyPublishers.ofString("x=1")));
		assertThat(posted.statusCode()).isIn(403, 405);
		assertThat(posted.body()).doesNotContain("at news.dispatch").doesNotContain("Exception");
	}

	@Test
	void eachDigestLinksToItsReadersOwnWebCopyAndNoOtherTokenOpensIt() throws Exception {
		TestMail.purge();
		Cli.Result digest = this.cli.run("digest");
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		MimeMessage ann = TestMail.awaitReceived("ann.reader@example.net", 1).get(0);
		MimeMessage bo = TestMail.awaitReceived("bo.other@example.net", 1).get(0);
		String annCopy = ArchiveNewsroom.copyLink(TestMail.part(ann, "text/html"), SITE);
		String boCopy = ArchiveNewsroom.copyLink(TestMail.part(bo, "text/html"), SITE);
		assertThat(TestMail.part(ann, "text/plain"))
			.contains("View in your browser: https://news.example.com" + annCopy);

		HttpResponse<String> annPage = get(annCopy);
		HttpResponse<String> boPage = get(boCopy);

		assertThat(annPage.statusCode()).isEqualTo(200);
		assertThat(annPage.body()).contains("Hello Ann Reader").contains("Pyongyang fires").doesNotContain("Bo Other");
		assertThat(annPage.headers().firstValue("Cache-Control")).hasValue("private, no-store");
		assertThat(annPage.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("style-src 'unsafe-inline'")
			.doesNotContain("script-src");
		assertThat(boPage.body()).contains("Hello Bo Other").doesNotContain("Pyongyang").doesNotContain("Ann Reader");
		// Bo's token on Ann's message, an altered token, no token: no copy
		String annId = annCopy.replaceAll(".*/copies/([0-9]+)\\?.*", "$1");
		String boToken = boCopy.substring(boCopy.indexOf("token=") + 6);
		assertProblem(get("/archive/copies/" + annId + "?token=" + boToken), 404, "No such copy");
		assertProblem(get(annCopy.substring(0, annCopy.length() - 2) + "xx"), 404, "No such copy");
		assertProblem(get("/archive/copies/" + annId), 404, "No such copy");
		assertProblem(get("/archive/copies/abc?token=x.y"), 404, "No such copy");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String says) {
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
		assertThat(response.body()).as(response.uri().toString())
			.contains(says)
			.contains("href=\"/archive\"")
			.contains("/css/dispatch.css")
			.doesNotContain("at news.dispatch")
			.doesNotContain("Exception")
			.doesNotContain("<script>");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.site.url(path)));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(request(path));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String enc(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

}
