package news.dispatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest from a newsroom's web server on loopback: feeds of every shape, a page, and
 * every way a source can be broken, each with its report line while the good items beside
 * it are stored.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/feed-ingest", "dispatch.ingest.read-timeout=1s",
		"dispatch.ingest.fetch-timeout=5s", "dispatch.ingest.max-feed-size=1MB" })
class IngestFunctionalTests {

	static final Path DATA = Path.of("target/test-data/feed-ingest");

	@RegisterExtension
	static final NewsroomServer web = new NewsroomServer();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("dispatch.ingest.sources[0].location", () -> web.url("/posing/feed.xml"));
		registry.add("dispatch.ingest.sources[0].type", () -> "feed");
		registry.add("dispatch.ingest.sources[0].name", () -> "Posing Gazette");
		registry.add("dispatch.ingest.sources[1].location", () -> web.url("/summaries/feed.xml"));
		registry.add("dispatch.ingest.sources[1].name", () -> "Summary Times");
		registry.add("dispatch.ingest.sources[1].full-text", () -> "true");
	}

	@Autowired
	Cli cli;

	@Autowired
	Articles articles;

	@Test
	void feedsOfEveryShapeAreStoredOnceEachAndASyndicatedStoryIsListedOnceWithWhereElseItRan() throws Exception {
		// given: RSS 2.0, Atom 1.0, RSS 1.0 (RDF) and RSS 0.91 (Latin-1, with a DTD), the
		// RSS 2.0 and Atom feeds carrying the same story with small edits, published
		// today
		web.serve("/world/rss.xml", "application/rss+xml; charset=UTF-8", recent(fixture("web/rss2.xml")))
			.serve("/wire/atom.xml", "application/atom+xml", recent(fixture("web/atom.xml")))
			.fixture("/gazette/rdf.xml", "application/rdf+xml", "web/rdf.xml")
			.fixture("/courier/rss091.xml", "text/xml", "web/rss091.xml");
		Path input = DATA.resolve("input");
		assertThat(this.cli.run("topics", "import", Fixtures.copy("topics.yml", input).toString()).exitCode()).isZero();
		assertThat(this.cli.run("subscribers", "import", Fixtures.copy("subscribers.csv", input).toString()).exitCode())
			.isZero();

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", web.url("/world/rss.xml"), "--from",
				web.url("/wire/atom.xml"), "--from", web.url("/gazette/rdf.xml"), "--from",
				web.url("/courier/rss091.xml"));

		// then: seven entries, the syndicated copy a duplicate, a table line per source
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		assertThat(ingest.out()).contains("Fetched 6 items").contains("5 new, 1 duplicate, 0 refused");
		assertThat(ingest.out()).containsPattern("127\\.0\\.0\\.1:\\d+/world/rss.xml\\s+2\\s+2\\s+0\\s+0")
			.containsPattern("127\\.0\\.0\\.1:\\d+/wire/atom.xml\\s+2\\s+1\\s+1\\s+0");
		Article rates = stored("Central bank raises rates to 21% as rouble slides");
		assertThat(rates.source()).isEqualTo("The Harbour Chronicle – World");
		assertThat(rates.url()).isEqualTo("https://chronicle.example/world/2026/11/rates-rouble");
		assertThat(rates.paragraphs()).hasSize(5)
			.first()
			.isEqualTo("Russia’s central bank raised its key interest rate to 21% on Friday, the fourth increase this"
					+ " year, as the rouble slid to its weakest level against the dollar since the spring.");
		assertThat(rates.body()).doesNotContain("headquarters", "Share on Social");
		assertThat(this.articles.alsoIn(List.of(rates.id()))).containsEntry(rates.id(), List.of("Northern Wire"));
		assertThat(stored("Seoul and Tokyo agree on joint coast guard drills").body())
			.endsWith("서울과 도쿄는 내년 봄 합동 훈련을 실시한다.");
		assertThat(stored("Old river bridge to close for repairs").publishedAt())
			.isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));
		assertThat(stored("Café owners win appeal over terrace licence").body())
			.isEqualTo("Three café owners on the seafront have won their appeal against the council’s refusal to"
					+ " renew their terrace licences.");

		// when: today's digest goes out
		Cli.Result digest = this.cli.run("digest", "--date", LocalDate.now(ZoneOffset.UTC).toString());

		// then: Ana, who follows Russia, gets the story once, with where else it ran
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		MimeMessage ana = TestMail.received()
			.stream()
			.filter((m) -> recipients(m).contains("ana.kovac@example.com"))
			.findFirst()
			.orElseThrow();
		String body = GreenMailUtil.getBody(ana);
		assertThat(body).contains("Also in: Northern Wire");
		assertThat(body.split("rates to 21%", -1)).hasSizeLessThanOrEqualTo(1 + 2 * 2);
	}

	@Test
	void eachBrokenSourceGetsOneReportLineAndTheGoodSourcesBesideItAreStored() throws Exception {
		// given: a good feed, and feeds broken in every way a server or publisher breaks
		// them
		web.serve("/good.xml", "application/rss+xml",
				rss("good-1", "Council opens new cycle lane on the ring road",
						"The council opened a protected cycle lane along the northern ring road on Monday."))
			.fixture("/broken.xml", "application/rss+xml", "web/broken.xml")
			.fixture("/latin1.xml", "application/rss+xml", "web/latin1-as-utf8.xml")
			.serve("/posing/feed.xml", "text/html; charset=utf-8", fixture("web/article.html"))
			.serve("/binary.xml", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 })
			.serve("/empty.xml", "application/rss+xml", new byte[0])
			.handle("/oversized.xml", (exchange) -> {
				exchange.sendResponseHeaders(200, 50L * 1024 * 1024);
				exchange.close();
			})
			.handle("/endless.xml", (exchange) -> {
				exchange.sendResponseHeaders(200, 0);
				try (OutputStream out = exchange.getResponseBody()) {
					byte[] line = "<!-- padding padding padding padding padding padding -->\n"
						.getBytes(StandardCharsets.UTF_8);
					for (int i = 0; i < 40_000; i++) {
						out.write(line);
					}
				}
				catch (IOException ex) {
					// the client hung up, as it should
				}
			})
			.handle("/hang.xml", (exchange) -> {
				try {
					Thread.sleep(3000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				exchange.close();
			})
			.handle("/error.xml", (exchange) -> NewsroomServer.send(exchange, 500, "text/plain", "oops".getBytes()))
			.handle("/loop-a.xml", (exchange) -> redirect(exchange, "/loop-b.xml"))
			.handle("/loop-b.xml", (exchange) -> redirect(exchange, "/loop-a.xml"));

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", web.url("/good.xml"), "--from", web.url("/broken.xml"),
				"--from", web.url("/latin1.xml"), "--from", web.url("/posing/feed.xml"), "--from",
				web.url("/binary.xml"), "--from", web.url("/empty.xml"), "--from", web.url("/oversized.xml"), "--from",
				web.url("/endless.xml"), "--from", web.url("/hang.xml"), "--from", web.url("/missing.xml"), "--from",
				web.url("/error.xml"), "--from", web.url("/loop-a.xml"));

		// then: the run completes; one line per broken source naming it and why
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		assertThat(ingest.out()).contains("Fetched 4 items").contains("4 new, 0 duplicate, 9 refused");
		assertThat(ingest.out())
			.containsPattern("noted .*/broken.xml: the feed is not well-formed XML \\(line \\d+: .*\\); read what")
			.containsPattern("noted .*/latin1.xml: the feed says it is UTF-8 but is not valid UTF-8; read as Windows")
			.containsPattern(
					"\\[Posing Gazette\\] refused .*/posing/feed.xml: the address gives a web page, not a feed")
			.containsPattern("refused .*/binary.xml: the address gives binary data \\(image/png\\), not a feed")
			.containsPattern("refused .*/empty.xml: the feed is empty")
			.containsPattern("refused .*/oversized.xml: it has 52428800 bytes, more than the limit of 1048576 bytes")
			.containsPattern("refused .*/endless.xml: it is larger than the limit")
			.containsPattern("refused .*/hang.xml: the server did not answer within 1s")
			.containsPattern("refused .*/missing.xml: the server answered HTTP 404")
			.containsPattern("refused .*/error.xml: the server answered HTTP 500")
			.containsPattern(
					"refused .*/loop-a.xml: redirects in a loop \\(.*loop-a.xml → .*loop-b.xml → .*loop-a.xml\\)");
		assertThat(ingest.out().lines().filter((line) -> line.contains("] refused ")).count()).isEqualTo(9);
		assertThat(stored("Council opens new cycle lane on the ring road")).isNotNull();
		assertThat(stored("Tram line extension approved by city council").body())
			.isEqualTo("The city council approved a four-kilometre extension of the eastern tram line on Friday, with"
					+ " construction due to start next summer & finish in 2029.");
		assertThat(stored("Library opening hours extended for exams")).isNotNull();
		assertThat(stored("Café reopens on the square").body()).contains("“We missed everyone,” she said.");

		// and: the same counts, per source, in the run's steps
		Cli.Result show = this.cli.run("jobs", "show", lastRun(this.cli), "--json");
		assertThat(show.out()).containsPattern(
				"\"name\" : \"ingest-source:001-127.0.0.1:\\d+/good.xml\",\\s*\"status\" : \"COMPLETED\",\\s*\"read\" : 1,\\s*\"write\" : 1")
			.containsPattern("\"name\" : \"ingest-source:012-127.0.0.1:\\d+/loop-a.xml\",[^}]*\"skip\" : 1");
	}

	@Test
	void entriesWithoutTitleOrTextAreRefusedAndDatesThatCannotBeBelievedAreNoted() {
		web.fixture("/agency.xml", "application/rss+xml", "web/entries.xml");
		Instant before = Instant.now();

		Cli.Result ingest = this.cli.run("ingest", "--from", web.url("/agency.xml"));

		assertThat(ingest.out()).contains("Fetched 5 items").contains("3 new, 0 duplicate, 2 refused");
		assertThat(ingest.out()).contains("refused https://agency.example/copy/1: the entry has no title")
			.contains("refused https://agency.example/copy/2: the entry has a title but no text")
			.contains("noted https://agency.example/copy/3: the date 2041-11-28T22:00:00Z is in the future;"
					+ " stored with the time of ingest")
			.contains("noted https://agency.example/copy/4: the date \"sometime last Tuesday\" cannot be read;"
					+ " stored with the time of ingest");
		assertThat(stored("Mountain rescue teams called out twice in one night").publishedAt()).isAfter(before)
			.isBefore(Instant.now());
		assertThat(stored("Airport trials new baggage system").publishedAt())
			.isEqualTo(Instant.parse("2026-11-27T07:00:00Z"));
	}

	@Test
	void aRerunSendsTheValidatorsAndTakesOnlyWhatIsNew() {
		// given: a feed ingested once
		web.serve("/daily.xml", "application/rss+xml",
				rss("daily-1", "Night buses return to the old town",
						"Night buses will run through the old town again from Friday, the transport authority said."),
				"\"v1\"");
		assertThat(this.cli.run("ingest", "--from", web.url("/daily.xml")).out()).contains("1 new");

		// when: it is read again unchanged
		Cli.Result unchanged = this.cli.run("ingest", "--from", web.url("/daily.xml"));

		// then: the server was asked with its validators, answered 304, and nothing was
		// read
		assertThat(web.requests())
			.contains("/daily.xml If-None-Match=\"v1\" If-Modified-Since=Fri, 27 Nov 2026" + " 10:00:00 GMT");
		assertThat(unchanged.out()).contains("Fetched 0 items").contains("0 new, 0 duplicate, 0 refused");

		// when: the feed gains an entry
		byte[] more = new String(
				rss("daily-1", "Night buses return to the old town",
						"Night buses will run through the old town again from Friday, the transport authority said."),
				StandardCharsets.UTF_8)
			.replace("</channel>",
					item("daily-2", "Swimming pool reopens after repairs",
							"The municipal swimming pool reopened on Saturday after six months of repairs to its roof.")
							+ "</channel>")
			.getBytes(StandardCharsets.UTF_8);
		web.serve("/daily.xml", "application/rss+xml", more, "\"v2\"");
		Cli.Result changed = this.cli.run("ingest", "--from", web.url("/daily.xml"));

		// then: only the new entry is read
		assertThat(changed.out()).contains("Fetched 1 item").contains("1 new, 0 duplicate, 0 refused");
	}

	@Test
	void anAddressThatGivesAPageIsReadAsOneArticle() throws Exception {
		web.serve("/science/glacier.html", "text/html; charset=utf-8", fixture("web/article.html"));

		Cli.Result ingest = this.cli.run("ingest", "--from", web.url("/science/glacier.html"));

		assertThat(ingest.out()).contains("Fetched 1 item").contains("1 new");
		Article glacier = stored("Glacier retreat speeds up, survey finds");
		assertThat(glacier.url()).isEqualTo("https://chronicle.example/science/2026/11/glacier-retreat");
		assertThat(glacier.paragraphs()).hasSize(4);
	}

	@Test
	void aFolderOfTextMarkdownHtmlAndJsonFilesIsIngestedOnceAndItsBadFilesReported() throws Exception {
		// given: one article in each format, and files that are not articles
		Path folder = DATA.resolve("folder");
		java.nio.file.Files.createDirectories(folder);
		java.nio.file.Files.writeString(folder.resolve("ferry.txt"), """
				Island ferry timetable changes for winter

				The island ferry will sail four times a day instead of six from December, the operator said.
				""");
		java.nio.file.Files.writeString(folder.resolve("orchard.md"), """
				# Orchard saved by *community* buy-out

				Residents raised enough money to buy the [old orchard](https://example.org/orchard) on the hill,
				saving its **200 trees** from development.

				![A picture of the orchard](orchard.jpg)

				The first harvest festival under the new owners will be held in September.
				""");
		java.nio.file.Files.write(folder.resolve("museum.html"), ("<html><head><meta charset=\"utf-8\">"
				+ "<title>Museum reopens - Gazette</title><link rel=\"canonical\" href=\"https://gazette.example/museum\">"
				+ "</head><body><nav><a href=\"/\">Home</a></nav><article><h1>Museum reopens after flood repairs</h1>"
				+ "<p>The town museum reopened on Sunday, a year after floodwater reached its ground floor.</p>"
				+ "<div class=\"social-share\"><a href=\"#\">Share</a></div></article></body></html>")
			.getBytes(StandardCharsets.UTF_8));
		java.nio.file.Files.writeString(folder.resolve("choir.json"), """
				{"headline": "Choir wins national title", "body": ["The youth choir won the national title in Leeds.",
				"It is the first win for a choir from the valley."], "url": "https://valley.example/choir",
				"published": "2026-11-20T18:00:00Z", "author": "Sam Reyes"}
				""");
		java.nio.file.Files.writeString(folder.resolve("broken.json"), "{\"headline\": \"Half an article\", ");
		java.nio.file.Files.write(folder.resolve("photo.jpg"), new byte[] { (byte) 0xFF, (byte) 0xD8, 0, 0, 'J' });
		java.nio.file.Files.writeString(folder.resolve("empty.txt"), "");
		java.nio.file.Files.write(folder.resolve("latin1.txt"),
				"Caf\u00e9 news\n\nA story.".getBytes(StandardCharsets.ISO_8859_1));
		try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(folder.resolve("huge.txt").toFile(), "rw")) {
			huge.setLength(50L * 1024 * 1024);
		}

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", folder.toString());

		// then
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		assertThat(ingest.out()).contains("Fetched 9 items").contains("4 new, 0 duplicate, 5 refused");
		assertThat(ingest.out()).contains("refused broken.json: the file is not valid JSON")
			.contains("refused photo.jpg: the file is binary")
			.contains("refused empty.txt: the file has no text")
			.contains("refused latin1.txt: the file is not valid UTF-8")
			.contains("refused huge.txt: the file has 52428800 bytes, more than the limit");
		assertThat(stored("Island ferry timetable changes for winter").paragraphs()).containsExactly(
				"The island ferry will sail four times a day instead of six from December, the operator said.");
		assertThat(stored("Orchard saved by community buy-out").paragraphs()).containsExactly(
				"Residents raised enough money to buy the old orchard on the hill, saving its 200 trees from"
						+ " development.",
				"The first harvest festival under the new owners will be held in September.");
		Article museum = stored("Museum reopens after flood repairs");
		assertThat(museum.body())
			.isEqualTo("The town museum reopened on Sunday, a year after floodwater reached its ground floor.");
		assertThat(museum.url()).isEqualTo("https://gazette.example/museum");
		Article choir = stored("Choir wins national title");
		assertThat(choir.paragraphs()).hasSize(2);
		assertThat(choir.publishedAt()).isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));

		// when: the folder is read again with nothing new
		Cli.Result again = this.cli.run("ingest", "--from", folder.toString());

		// then: the files taken are not read again; the refused ones are still refused
		assertThat(again.out()).contains("Fetched 5 items").contains("0 new, 0 duplicate, 5 refused");
	}

	@Test
	void wireCopyIsStoredAsHeadlineLeadAndParagraphsWithItsPlaceShownByArticlesShow() throws IOException {
		// given: an agency's story as it comes off the wire, hard-wrapped with indented
		// paragraphs, a headline in capitals, a dateline and a sign-off
		Path wire = DATA.resolve("wire");
		java.nio.file.Files.createDirectories(wire);
		java.nio.file.Files.writeString(wire.resolve("kestrel.txt"), """
				BC-KESTREL-FERRY
				FERRY OPERATOR ORDERS TWO NEW SHIPS FOR KESTREL BAY ROUTE
				    KESTREL BAY, March 3 - The island ferry operator said it had
				ordered two ships from a yard in the north, to enter service on
				the Kestrel Bay route in two years.
				    The ships will carry 600 passengers each.
				 REUTER
				""");

		// when
		Cli.Result ingest = cli.run("ingest", "--from", wire.toString());

		// then: the dateline is the story's place, not its lead's first words
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		Article ferry = stored("Ferry Operator Orders Two New Ships for Kestrel Bay Route");
		assertThat(ferry.place()).isEqualTo("Kestrel Bay");
		assertThat(ferry.lead()).isEqualTo("The island ferry operator said it had ordered two ships from a yard in the"
				+ " north, to enter service on the Kestrel Bay route in two years.");
		assertThat(ferry.paragraphs()).hasSize(2).last().isEqualTo("The ships will carry 600 passengers each.");
		assertThat(cli.run("articles", "show", String.valueOf(ferry.id()), "--json").out())
			.contains("\"place\" : \"Kestrel Bay\"");
		assertThat(cli.run("articles", "show", String.valueOf(ferry.id())).out()).contains("filed in Kestrel Bay");
	}

	@Test
	void copiesInOneChunkAndCopiesOfStoredStoriesAreEachOneStory() throws IOException {
		// given: in one folder, so in one chunk, a story, a syndicated copy with small
		// edits, the same text again, a follow-up that repeats its lead, and another
		// story
		Path desk = DATA.resolve("copies/desk");
		put(desk, "a.txt", "copies/lighthouse.txt");
		put(desk, "b.txt", "copies/lighthouse-wire.txt");
		put(desk, "c.txt", "copies/lighthouse.txt");
		put(desk, "d.txt", "copies/lighthouse-follow-up.txt");
		put(desk, "e.txt", "copies/bakery.txt");

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", desk.toString());

		// then: the copy and the same text again are the story stored from that chunk
		assertThat(ingest.out()).contains("Fetched 5 items").contains("3 new, 2 duplicate, 0 refused");
		Article museum = stored("Lighthouse keepers’ cottages to become a maritime museum");
		stored("Gull Point museum opens its doors");
		stored("Village bakery saved by its customers");
		assertThat(this.articles.publishedSince(Instant.EPOCH, 1000))
			.filteredOn((article) -> article.body().contains("ending a decade of argument over their future"))
			.hasSize(2);

		// when: another folder carries only a copy cut short
		Path agency = DATA.resolve("copies/agency");
		put(agency, "gull-point.txt", "copies/lighthouse-cut.txt");
		Cli.Result again = this.cli.run("ingest", "--from", agency.toString());

		// then: it is the stored story, which lists the folder as where else it ran
		assertThat(again.out()).contains("Fetched 1 item").contains("0 new, 1 duplicate, 0 refused");
		assertThat(this.articles.alsoIn(List.of(museum.id())).get(museum.id())).singleElement()
			.asString()
			.endsWith("agency");
	}

	@Test
	void aJsonFileHoldingAListOfArticlesGivesEachOneOnce() throws IOException {
		// given: another system's export, a list of three articles, one without a
		// headline
		Path exports = DATA.resolve("exports");
		java.nio.file.Files.createDirectories(exports);
		java.nio.file.Files.writeString(exports.resolve("wire.json"),
				"""
						[{"headline": "Tram line reaches the airport", "body": "The new tram line reached the airport on Monday."},
						 {"headline": "Library extends its opening hours", "body": "The central library will open until nine."},
						 {"body": "A story without a headline."}]
						""");

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", exports.toString());

		// then: each article is an item of its own, with its own report line
		assertThat(ingest.out()).contains("Fetched 3 items").contains("2 new, 0 duplicate, 1 refused");
		assertThat(ingest.out()).contains("refused wire.json#3: the article has no headline");
		assertThat(stored("Tram line reaches the airport").body())
			.isEqualTo("The new tram line reached the airport on Monday.");
		stored("Library extends its opening hours");

		// when: the folder is read again, then after the export gains an article
		Cli.Result again = this.cli.run("ingest", "--from", exports.toString());
		java.nio.file.Files.writeString(exports.resolve("wire.json"),
				"""
						[{"headline": "Tram line reaches the airport", "body": "The new tram line reached the airport on Monday."},
						 {"headline": "Library extends its opening hours", "body": "The central library will open until nine."},
						 {"headline": "Ferry fares frozen for a year", "body": "Ferry fares will not rise next year."}]
						""");
		Cli.Result grown = this.cli.run("ingest", "--from", exports.toString());

		// then: the articles taken are not taken again
		assertThat(again.out()).contains("0 new, 0 duplicate, 1 refused");
		assertThat(grown.out()).contains("1 new, 2 duplicate, 0 refused");
		stored("Ferry fares frozen for a year");
	}

	@Test
	void aStoryLongerThanAStoredArticleCanHoldIsRefusedAndTheStoriesBesideItAreStored() throws IOException {
		// given: beside a story, a whole transcript of over a million characters (a feed
		// entry can be as long, where the feed size limit allows it)
		Path hearings = DATA.resolve("hearings");
		java.nio.file.Files.createDirectories(hearings);
		java.nio.file.Files.writeString(hearings.resolve("a-transcript.txt"), "Quarry inquiry transcript, day nine\n\n"
				+ "The inquiry heard evidence on noise, dust and lorries for a ninth day.\n\n".repeat(15_000));
		java.nio.file.Files.writeString(hearings.resolve("b-adjourned.txt"),
				"Quarry inquiry adjourned until January\n\nThe quarry inquiry was adjourned until January.\n");

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", hearings.toString());

		// then: the run completes, the transcript has its report line, the other story is
		// stored
		assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isZero();
		assertThat(ingest.out()).contains("Fetched 2 items").contains("1 new, 0 duplicate, 1 refused");
		assertThat(ingest.out()).containsPattern("refused a-transcript.txt: the story has 1\\d{6} characters, more"
				+ " than the 1000000 a stored article can hold; it was left out");
		stored("Quarry inquiry adjourned until January");
	}

	@Test
	void aFeedSavedAsAFileIsReadFromItsPath() throws Exception {
		Path feed = DATA.resolve("saved/harbour.xml");
		java.nio.file.Files.createDirectories(feed.getParent());
		java.nio.file.Files.write(feed, rss("harbour-1", "Harbour dredging to start in spring",
				"Dredging of the inner harbour will start in April so that larger ferries can dock, the port said."));

		Cli.Result ingest = this.cli.run("ingest", "--from", feed.toString());

		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		assertThat(ingest.out()).contains("Fetched 1 item").contains("1 new");
		assertThat(stored("Harbour dredging to start in spring").source()).isEqualTo("Town Hall");
	}

	@Test
	void aLaterFeedIsDownloadedWhileAnEarlierOneIsStillComingAndTheStoriesKeepTheOrderGiven() throws Exception {
		// given: two desks carrying the same story; the first desk's server answers only
		// once the second desk's feed has been asked for (or after 5 s)
		String story = "The ferry between the two islands will run every hour from Monday, the operator said,"
				+ " after a year in which passengers waited up to three hours at the quay in the summer months.";
		CountDownLatch secondAsked = new CountDownLatch(1);
		AtomicBoolean askedAhead = new AtomicBoolean();
		web.handle("/ahead/first.xml", (exchange) -> {
			try {
				askedAhead.set(secondAsked.await(5, TimeUnit.SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			NewsroomServer.send(exchange, 200, "application/rss+xml",
					desk("First Desk", item("first-1", "Hourly ferries from Monday", story)));
		}).handle("/ahead/second.xml", (exchange) -> {
			secondAsked.countDown();
			NewsroomServer.send(exchange, 200, "application/rss+xml",
					desk("Second Desk", item("second-1", "Islands get hourly ferry", story)));
		});

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", web.url("/ahead/first.xml"), "--from",
				web.url("/ahead/second.xml"));

		// then: the second feed was asked for while the first was on its way, and the
		// story is stored from the first desk, as given, with the second as "also in"
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		assertThat(askedAhead).as("second feed asked for before the first was answered").isTrue();
		assertThat(ingest.out()).contains("1 new, 1 duplicate, 0 refused");
		Article ferries = stored("Hourly ferries from Monday");
		assertThat(ferries.source()).isEqualTo("First Desk");
		assertThat(this.articles.alsoIn(List.of(ferries.id()))).containsEntry(ferries.id(), List.of("Second Desk"));
	}

	@Test
	void aFeedOfSummariesConfiguredFullTextGetsEachStoryFromItsLinkedPage() throws Exception {
		// given: a feed that gives one sentence of each story and links to the page; one
		// page is missing
		String page = """
				<!DOCTYPE html><html><head><title>Tram line | Summary Times</title>
				<link rel="canonical" href="https://summary.example/city/tram-line-extension">
				<meta name="author" content="Mira Holt"></head>
				<body><nav><a href="/">Home</a> <a href="/city">City</a></nav><article>
				<h1>Tram line to reach the airport by 2029</h1>
				<div class="share"><a href="https://social.example/share">Share</a></div>
				<div class="article-body">
				<p>The city&rsquo;s tram line will be extended to the airport by 2029, the council decided on Tuesday.</p>
				<p>The eight-kilometre extension will have five new stops and cost about 400 million euros, most of it from the regional government.</p>
				<p>Work on the first section, from the central station to the university, starts next spring.</p>
				<figure><img src="/t.jpg"><figcaption>A picture showing the planned route</figcaption></figure>
				<p>Residents along the route will be consulted on the position of the stops in January.</p>
				</div></article><section id="comments"><h2>Leave a Reply</h2><form><textarea></textarea></form></section>
				</body></html>""";
		web.serve("/summaries/tram.html", "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8))
			.serve("/summaries/feed.xml", "application/rss+xml",
					desk("Summary Times", "<item><title>Tram line to reach the airport by 2029</title><link>"
							+ web.url("/summaries/tram.html")
							+ "</link><description>The tram line will reach the airport by 2029.</description></item>"
							+ "<item><title>Harbour festival moves to June</title><link>"
							+ web.url("/summaries/gone.html") + "</link><description>The harbour festival will"
							+ " take place in June next year.</description></item>"));

		// when
		Cli.Result ingest = this.cli.run("ingest", "--from", web.url("/summaries/feed.xml"));

		// then: the first story is the page's, without its chrome; the second keeps the
		// feed's sentence, and the report says why
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		assertThat(ingest.out()).contains("2 new, 0 duplicate, 0 refused")
			.containsPattern("noted http://127\\.0\\.0\\.1:\\d+/summaries/gone.html: the linked page could not be"
					+ " read \\(.*404.*\\); stored with the feed's text");
		Article tram = stored("Tram line to reach the airport by 2029");
		assertThat(tram.paragraphs()).hasSize(4)
			.first()
			.isEqualTo("The city’s tram line will be extended to the airport by 2029, the council decided on Tuesday.");
		assertThat(tram.body()).doesNotContain("Share", "planned route", "Leave a Reply", "Home");
		assertThat(tram.url()).isEqualTo("https://summary.example/city/tram-line-extension");
		assertThat(tram.source()).isEqualTo("Summary Times");
		assertThat(stored("Harbour festival moves to June").body())
			.isEqualTo("The harbour festival will take place in June next year.");
	}

	private static byte[] desk(String title, String items) {
		return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + title
				+ "</title><link>https://desk.example/</link><description>News</description>" + items
				+ "</channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
	}

	private Article stored(String headline) {
		Optional<Article> found = this.articles.publishedSince(Instant.EPOCH, 1000)
			.stream()
			.filter((article) -> article.headline().equals(headline))
			.findFirst();
		assertThat(found).as("stored: " + headline).isPresent();
		return found.get();
	}

	private static void put(Path folder, String file, String fixture) throws IOException {
		java.nio.file.Files.createDirectories(folder);
		java.nio.file.Files.write(folder.resolve(file), fixture(fixture));
	}

	private static String recipients(MimeMessage message) {
		try {
			return GreenMailUtil.getAddressList(message.getAllRecipients());
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String lastRun(Cli cli) {
		String json = cli.run("jobs", "list", "--job", "ingest", "--json").out();
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\" : (\\d+)").matcher(json);
		assertThat(id.find()).isTrue();
		return id.group(1);
	}

	private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String to) throws IOException {
		exchange.getResponseHeaders().add("Location", to);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	static byte[] rss(String guid, String title, String description) {
		return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Town Hall</title>"
				+ "<link>https://town.example/</link><description>News</description>" + item(guid, title, description)
				+ "</channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
	}

	static String item(String guid, String title, String description) {
		return "<item><title>" + title + "</title><guid isPermaLink=\"false\">" + guid + "</guid><description>"
				+ description + "</description></item>";
	}

	/**
	 * The feed with its stories' dates moved to a few hours ago, so today's digest
	 * includes them.
	 */
	static byte[] recent(byte[] feed) {
		Instant hoursAgo = Instant.now().minusSeconds(3 * 3600);
		return new String(feed, StandardCharsets.UTF_8)
			.replace("Sat, 28 Nov 2026 09:15:00 GMT",
					DateTimeFormatter.RFC_1123_DATE_TIME.format(hoursAgo.atOffset(ZoneOffset.UTC)))
			.replace("2026-11-28T10:05:00Z", hoursAgo.plusSeconds(600).toString())
			.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] fixture(String name) throws IOException {
		try (InputStream in = IngestFunctionalTests.class.getResourceAsStream("/fixtures/" + name)) {
			return in.readAllBytes();
		}
	}

}
