package news.dispatch.tracking;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.article.Articles;
import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.LedgerPlans;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A digest goes out; its links are clicked as readers and as link scanners would, and
 * altered; the counts are read back.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/click-counts", "dispatch.tracking.scanner-window=60s",
				"dispatch.site.url=https://news.example/dispatch" })
@Tag("postgres")
class ClickCountsTests {

	static final Path DATA = Path.of("target/test-data/click-counts");

	static final Pattern LINK = Pattern.compile("https://news\\.example/dispatch(/r/[A-Za-z0-9_.-]+)");

	static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0";

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClickLinks links;

	@Autowired
	LedgerEntries entries;

	@Autowired
	LedgerPlans plans;

	@Autowired
	Articles articles;

	@Autowired
	Subscribers subscribers;

	@Test
	void readersClicksAreCountedPerStoryAndTopicScannersApartAndAlteredLinksNotAtAll() throws Exception {
		// given: a digest with two stories, each with its address, under two topics
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("Harbour", "harbour")
			.topic("Council", "council")
			.subscriber("ana@example.com", "Harbour;Council")
			.story("Harbour fees rise", "https://paper.example/harbour-fees",
					"The harbour authority raised its fees on Monday for every ship that docks in the harbour.")
			.story("Council votes on the new bridge", "https://paper.example/council-bridge",
					"The council voted on Tuesday to build a new bridge, the council leader said after the vote.")
			.load();
		String date = LocalDate.now(ZoneOffset.UTC).toString();
		Cli.Result digest = this.cli.run("digest", "--date", date);
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		MimeMessage message = TestMail.awaitReceived("ana@example.com", 1).get(0);
		List<String> links = links(TestMail.part(message, "text/html"));
		assertThat(links).hasSize(2);
		assertThat(links(TestMail.part(message, "text/plain"))).containsExactlyInAnyOrderElementsOf(links);
		// the first clicks, to learn which link is which, come within seconds of sending
		String harbour = null;
		int early = 0;
		for (String link : links) {
			early++;
			if (go(link, "GET", BROWSER).headers().firstValue("Location").orElse("").endsWith("harbour-fees")) {
				harbour = link;
				break;
			}
		}
		assertThat(harbour).isNotNull();
		String found = harbour;
		String council = links.stream().filter((l) -> !l.equals(found)).findFirst().orElseThrow();

		// when: a mail filter sends HEAD and a scanner's agent; then, later, readers
		// click
		assertThat(go(council, "HEAD", BROWSER).statusCode()).isEqualTo(302);
		assertThat(go(council, "GET", "Mozilla/5.0 (compatible; Barracuda Sentinel)").statusCode()).isEqualTo(302);
		// (as if the reader opened it two minutes after it was sent)
		java.time.OffsetDateTime sent = this.jdbc.sql("select sent_at from delivery where kind = 'digest'")
			.query(java.time.OffsetDateTime.class)
			.single();
		this.jdbc.sql("update delivery set sent_at = ? where kind = 'digest'").param(sent.minusMinutes(2)).update();
		HttpResponse<String> reader = go(harbour, "GET", BROWSER);
		go(harbour, "GET", BROWSER);
		go(council, "GET", BROWSER);
		// and: altered and forged links
		String altered = harbour.substring(0, harbour.length() - 3) + (harbour.endsWith("AAA") ? "BBB" : "AAA");
		String forged = "/r/" + java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("c1|digest|2026-01-01|1|1|".getBytes()) + ".AAAAAAAAAAAAAAAAAAAAAA";
		HttpResponse<String> bad = go(altered, "GET", BROWSER);
		HttpResponse<String> bad2 = go(forged, "GET", BROWSER);
		HttpResponse<String> bad3 = go("/r/x", "GET", BROWSER);

		// then: a reader is sent to the story's own address
		assertThat(reader.statusCode()).isEqualTo(302);
		assertThat(reader.headers().firstValue("Location")).hasValue("https://paper.example/harbour-fees");
		assertThat(List.of(bad.statusCode(), bad2.statusCode(), bad3.statusCode())).containsOnly(400);
		assertThat(bad.body()).contains("This link is not valid");
		assertThat(bad.headers().firstValue("Location")).isEmpty();
		// and: the counts, readers apart from scanners, with nobody's identity
		Cli.Result stats = this.cli.run("stats", "edition", date, "--json");
		assertThat(stats.exitCode()).as(stats.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(stats.out());
		assertThat(json.get("readers").asLong()).as(stats.out()).isEqualTo(3);
		assertThat(json.get("stories").get("Harbour fees rise").asLong()).isEqualTo(2);
		assertThat(json.get("stories").get("Council votes on the new bridge").asLong()).isEqualTo(1);
		assertThat(json.get("topics").get("Harbour").asLong()).isEqualTo(2);
		assertThat(json.get("topics").get("Council").asLong()).isEqualTo(1);
		assertThat(json.get("scanners").get("too-soon").asLong()).isEqualTo(early);
		assertThat(json.get("scanners").get("head").asLong()).isEqualTo(1);
		assertThat(json.get("scanners").get("agent").asLong()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from link_click where kind = 'digest'").query(Long.class).single())
			.isEqualTo(5 + early);
		assertThat(this.jdbc.sql("select count(*) from link_click where subscriber_id is not null and kind = 'digest'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.cli.run("stats", "edition", date).out())
			.contains("Edition " + date + ": 3 clicks by readers, " + (2 + early) + " by link scanners");
		assertThat(this.cli.run("stats", "edition", "yesterday").err()).contains("give the edition as YYYY-MM-DD");
	}

	@Test
	void whoClickedIsKeptOnlyWithPerReaderOn() throws Exception {
		// given: an alert sent two minutes ago to a reader, its story with an address
		Newsroom.in(this.cli, DATA.resolve("per-reader"))
			.columns("email,frequency")
			.subscriber("per@example.com", "none")
			.load();
		Path inbox = Files.createDirectories(DATA.resolve("per-reader-stories"));
		Files.writeString(inbox.resolve("ferry.json"), """
				{"headline": "Ferry timetable changes", "url": "https://paper.example/ferry-timetable",
				 "body": "The ferry company changes its winter timetable from next week, the company said on Friday."}
				""");
		assertThat(this.cli.run("ingest", "--from", inbox.toString()).exitCode()).isZero();
		long article = Newsroom.articleId(this.articles, "Ferry timetable");
		long reader = this.subscribers.findByEmail("per@example.com").orElseThrow().id();
		LedgerKey alert = LedgerKey.alert(article);
		this.plans.planAll(alert,
				List.of(new LedgerPlans.Planned(reader, List.of(new LedgerPlans.Item(article, null)))));
		long message = this.entries.entriesOf(reader, 1).get(0).id();
		this.jdbc.sql("update delivery set status = 'SENT', sent_at = ? where id = ?")
			.params(java.time.OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2), message)
			.update();
		String link = this.links.link(new ClickLinks.Click(alert, message, article, null));
		Clicks perReader = new Clicks(this.jdbc, this.links, this.entries, this.articles,
				new TrackingSettings(true, true, Duration.ofSeconds(10), List.of()));

		// when: the reader clicks once where per-reader is off (the application's own
		// setting), once where it is on
		HttpResponse<String> off = go(link.substring(link.indexOf("/r/")), "GET", BROWSER);
		Optional<String> on = perReader.click(link.substring(link.indexOf("/r/") + 3), false, BROWSER, Instant.now());

		// then: both are counted and sent on; only the second kept who clicked
		assertThat(off.headers().firstValue("Location")).hasValue("https://paper.example/ferry-timetable");
		assertThat(on).hasValue("https://paper.example/ferry-timetable");
		assertThat(this.jdbc
			.sql("select subscriber_id from link_click where kind = 'alert' and edition_key = ?" + " order by id")
			.param(Long.toString(article))
			.query((rs, row) -> {
				long who = rs.getLong(1);
				return rs.wasNull() ? "nobody" : Long.toString(who);
			})
			.list()).containsExactly("nobody", Long.toString(reader));
	}

	private List<String> links(String text) {
		Matcher found = LINK.matcher(text);
		java.util.Set<String> links = new java.util.LinkedHashSet<>();
		while (found.find()) {
			links.add(found.group(1));
		}
		return List.copyOf(links);
	}

	private HttpResponse<String> go(String path, String method, String agent) {
		try {
			return this.site.call(method, path, null, "User-Agent", agent);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
