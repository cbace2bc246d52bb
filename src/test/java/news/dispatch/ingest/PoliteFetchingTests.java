package news.dispatch.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dispatch as a good client of the servers it reads: feeds of our own answer 429 and 503
 * with Retry-After, send caching headers, a ttl and skipHours, fail and recover, and
 * count every request made to them.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/polite-fetching",
		"dispatch.ingest.contact=newsdesk@example.com", "dispatch.ingest.politeness.host-connections=1",
		"dispatch.ingest.politeness.host-interval=300ms", "dispatch.ingest.politeness.failures-before-backoff=2",
		"dispatch.ingest.politeness.backoff=2s", "dispatch.ingest.politeness.max-backoff=3s",
		"dispatch.ingest.politeness.alert-after=1s" })
@RecordApplicationEvents
@Tag("postgres")
class PoliteFetchingTests {

	static final java.nio.file.Path DATA = java.nio.file.Path.of("target/test-data/polite-fetching");

	@RegisterExtension
	static final NewsroomServer web = new NewsroomServer();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Cli cli;

	@Autowired
	Sources sources;

	@Autowired
	ApplicationEvents events;

	@Test
	void aServerThatAnswers429Or503WithRetryAfterIsNotAskedAgainBeforeTheTimeItGave() {
		// given: one server asks for an hour in seconds, another until a date an hour
		// away
		String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Instant.now().plusSeconds(3600).atOffset(ZoneOffset.UTC));
		web.handle("/busy.xml", (exchange) -> answer(exchange, 429, "Retry-After", "3600"))
			.handle("/down.xml", (exchange) -> answer(exchange, 503, "Retry-After", inAnHour));

		// when: two runs
		Cli.Result first = ingest("/busy.xml", "/down.xml");
		Cli.Result second = ingest("/busy.xml", "/down.xml");

		// then: each asked once; the second run says why it did not ask
		assertThat(first.out())
			.contains("refused " + web.url("/busy.xml")
					+ ": the server answered HTTP 429 and asks to wait (Retry-After: 3600)")
			.contains("refused " + web.url("/down.xml") + ": the server answered HTTP 503 and asks to wait");
		assertThat(second.out())
			.containsPattern("noted " + quoted("/busy.xml") + ": not read: the server asked to wait \\(Retry-After\\)")
			.containsPattern("noted " + quoted("/down.xml") + ": not read: the server asked to wait");
		assertThat(requests("/busy.xml")).isEqualTo(1);
		assertThat(requests("/down.xml")).isEqualTo(1);
		JsonNode down = source("/down.xml");
		assertThat(down.get("waitReason").asString()).isEqualTo("retry-after");
		assertThat(Instant.parse(down.get("nextAttempt").asString())).isBetween(Instant.now().plusSeconds(3500),
				Instant.now().plusSeconds(3601));
	}

	@Test
	void cacheControlExpiresAndTheFeedsTtlKeepAFeedUnreadUntilTheyRunOutAndAFeedWithoutThemIsAskedEachRun() {
		// given
		String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
		String later = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Instant.now().plusSeconds(1800).atOffset(ZoneOffset.UTC));
		web.handle("/max-age.xml", (exchange) -> feed(exchange, "max-age", "public, max-age=900", null, ""))
			.handle("/expires.xml", (exchange) -> {
				exchange.getResponseHeaders().add("Date", now);
				feed(exchange, "expires", null, later, "");
			})
			.handle("/ttl.xml", (exchange) -> feed(exchange, "ttl", null, null, "<ttl>60</ttl>"))
			.handle("/no-store.xml", (exchange) -> feed(exchange, "no-store", "no-store, max-age=900", null, ""))
			.handle("/plain.xml", (exchange) -> feed(exchange, "plain", null, null, ""));

		// when
		ingest("/max-age.xml", "/expires.xml", "/ttl.xml", "/no-store.xml", "/plain.xml");
		Cli.Result second = ingest("/max-age.xml", "/expires.xml", "/ttl.xml", "/no-store.xml", "/plain.xml");

		// then
		assertThat(requests("/max-age.xml")).isEqualTo(1);
		assertThat(requests("/expires.xml")).isEqualTo(1);
		assertThat(requests("/ttl.xml")).isEqualTo(1);
		assertThat(requests("/no-store.xml")).isEqualTo(2);
		assertThat(requests("/plain.xml")).isEqualTo(2);
		assertThat(second.out())
			.containsPattern(quoted("/max-age.xml") + ": not read: the server said it stays as it is")
			.containsPattern(quoted("/ttl.xml") + ": not read: the feed asks to be kept until .* \\(ttl\\)");
		assertThat(Instant.parse(source("/max-age.xml").get("nextAttempt").asString()))
			.isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(901));
		assertThat(Instant.parse(source("/expires.xml").get("nextAttempt").asString()))
			.isBetween(Instant.now().plusSeconds(1700), Instant.now().plusSeconds(1801));
		assertThat(Instant.parse(source("/ttl.xml").get("nextAttempt").asString()))
			.isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
		assertThat(source("/plain.xml").get("state").asString()).isEqualTo("ok");
		assertThat(source("/ttl.xml").get("state").asString()).isEqualTo("waiting");
	}

	@Test
	void aFeedIsNotReadAgainInTheHoursItSkips() {
		// given: a feed that skips this hour and the next (GMT)
		int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
		web.handle("/skips.xml", (exchange) -> feed(exchange, "skips", null, null,
				"<skipHours><hour>" + hour + "</hour><hour>" + (hour + 1) % 24 + "</hour></skipHours>"));

		// when
		ingest("/skips.xml");

		// then: not before the first hour it does not skip
		JsonNode skips = source("/skips.xml");
		assertThat(skips.get("waitReason").asString()).isEqualTo("skip-hours");
		assertThat(Instant.parse(skips.get("nextAttempt").asString()).atZone(ZoneOffset.UTC).getHour())
			.isEqualTo((hour + 2) % 24);
	}

	@Test
	void requestsToOneHostAreOneAtATimeAndSpacedAndSayWhoIsAsking() {
		// given: six feeds on one host, each noting when it is asked and by whom
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		List<Long> starts = new CopyOnWriteArrayList<>();
		AtomicReference<String> agent = new AtomicReference<>();
		AtomicReference<String> from = new AtomicReference<>();
		String[] paths = { "/a.xml", "/b.xml", "/c.xml", "/d.xml", "/e.xml", "/f.xml" };
		for (String path : paths) {
			web.handle(path, (exchange) -> {
				starts.add(System.nanoTime());
				mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				agent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
				from.set(exchange.getRequestHeaders().getFirst("From"));
				try {
					Thread.sleep(50);
					feed(exchange, path, null, null, "");
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					inFlight.decrementAndGet();
				}
			});
		}

		// when
		Cli.Result run = ingest(paths);

		// then
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(starts).hasSize(6);
		assertThat(mostAtOnce.get()).isEqualTo(1);
		List<Long> sorted = starts.stream().sorted().toList();
		for (int i = 1; i < sorted.size(); i++) {
			assertThat(Duration.ofNanos(sorted.get(i) - sorted.get(i - 1)))
				.isGreaterThanOrEqualTo(Duration.ofMillis(140));
		}
		assertThat(agent.get()).isEqualTo("Dispatch/0.1 (newsroom digests; +mailto:newsdesk@example.com)");
		assertThat(from.get()).isEqualTo("newsdesk@example.com");
	}

	@Test
	void aSourceThatKeepsFailingBacksOffIsReportedToTheOperatorAndComesBackByItself() throws Exception {
		// given: a feed that fails
		AtomicReference<Boolean> broken = new AtomicReference<>(true);
		web.handle("/flaky.xml", (exchange) -> {
			if (broken.get()) {
				NewsroomServer.send(exchange, 500, "text/plain", "oops".getBytes(StandardCharsets.UTF_8));
			}
			else {
				feed(exchange, "flaky-back", null, null, "");
			}
		});

		// when: it fails twice, more than alert-after apart
		Cli.Result first = ingest("/flaky.xml");
		Thread.sleep(1100);
		Cli.Result second = ingest("/flaky.xml");
		Cli.Result third = ingest("/flaky.xml");

		// then: the first failure is tried again at the next run; the second backs off
		assertThat(first.out()).containsPattern("refused " + quoted("/flaky.xml") + ": the server answered HTTP 500")
			.doesNotContain("backing off");
		assertThat(second.out()).containsPattern(
				"refused " + quoted("/flaky.xml") + ": the server answered HTTP 500 .*; failed 2 times in a row since"
						+ " .*, so it is not read again before .* \\(backing off; it comes back by itself\\)");
		assertThat(third.out()).containsPattern(quoted("/flaky.xml") + ": not read: failed 2 times in a row since");
		assertThat(requests("/flaky.xml")).isEqualTo(2);
		JsonNode flaky = source("/flaky.xml");
		assertThat(flaky.get("state").asString()).isEqualTo("backing-off");
		assertThat(flaky.get("failures").asInt()).isEqualTo(2);
		assertThat(flaky.get("lastError").asString()).startsWith("the server answered HTTP 500");
		assertThat(flaky.get("lastSuccess").isNull()).isTrue();
		// and: the operator is told once, by a log line, an event and a gauge
		assertThat(java.nio.file.Files.readString(DATA.resolve("dispatch.log")))
			.containsOnlyOnce("(" + web.url("/flaky.xml") + ") has been failing since");
		assertThat(this.events.stream(SourceFailing.class).filter((e) -> e.location().equals(web.url("/flaky.xml"))))
			.singleElement()
			.satisfies((e) -> assertThat(e.failures()).isEqualTo(2));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.sources.bindTo(registry);
		assertThat(registry.get("dispatch.ingest.sources.reported").gauge().value()).isGreaterThanOrEqualTo(1);
		assertThat(registry.get("dispatch.ingest.sources").tag("state", "backing-off").gauge().value())
			.isGreaterThanOrEqualTo(1);

		// when: it is mended, and its pause runs out
		broken.set(false);
		Instant next = Instant.parse(flaky.get("nextAttempt").asString());
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis() + 100));
		Cli.Result back = ingest("/flaky.xml");

		// then: it is read, the report says it is back, and its state is ok
		assertThat(back.out()).containsPattern(quoted("/flaky.xml") + ": read again after 2 failures since")
			.contains("1 new");
		JsonNode mended = source("/flaky.xml");
		assertThat(mended.get("state").asString()).isEqualTo("ok");
		assertThat(mended.get("failures").asInt()).isZero();
		assertThat(mended.get("reported").asBoolean()).isFalse();
	}

	@Test
	void aHostGateLetsInAsManyRequestsAtOnceAsItHasConnections() throws Exception {
		for (int connections : new int[] { 1, 2 }) {
			HostGates gates = new HostGates(connections, Duration.ZERO);
			AtomicInteger inside = new AtomicInteger();
			AtomicInteger most = new AtomicInteger();
			java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(6);
			List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
			for (int i = 0; i < 12; i++) {
				done.add(threads.submit(() -> {
					try (HostGates.Pass pass = gates.enter(java.net.URI.create("http://news.example/feed"))) {
						most.accumulateAndGet(inside.incrementAndGet(), Math::max);
						Thread.sleep(20);
						inside.decrementAndGet();
					}
					return null;
				}));
			}
			for (java.util.concurrent.Future<?> each : done) {
				each.get();
			}
			threads.shutdown();
			assertThat(most.get()).as("connections " + connections).isEqualTo(connections);
		}
	}

	@Test
	void thePauseOfAFailingSourceDoublesUpToItsCap() {
		IngestSettings settings = new IngestSettings(List.of(), List.of(),
				org.springframework.util.unit.DataSize.ofMegabytes(5),
				org.springframework.util.unit.DataSize.ofMegabytes(20), 100, 1, 2, Duration.ofSeconds(10),
				Duration.ofSeconds(20), Duration.ofSeconds(60), 5, "Dispatch", "",
				new IngestSettings.Politeness(2, Duration.ofMillis(500), Duration.ofHours(24), 3,
						Duration.ofMinutes(10), Duration.ofHours(12), Duration.ofHours(24)),
				Duration.ofHours(1), new IngestSettings.NearDuplicate(0.5, 25),
				new IngestSettings.BoilerplatePatterns(List.of(), List.of()));
		SourceHealth health = new SourceHealth(null, settings, (event) -> {
		});

		assertThat(List.of(3, 4, 5, 6, 7, 8, 9, 20).stream().map(health::backoff).toList()).containsExactly(
				Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofMinutes(80),
				Duration.ofMinutes(160), Duration.ofMinutes(320), Duration.ofMinutes(640), Duration.ofHours(12));
	}

	@Test
	void aFeedsTtlAndSkipsAreReadFromItsChannelNotFromItsItems() {
		FeedSchedule schedule = FeedSchedule.of("<rss><channel><ttl>30</ttl><skipDays><day>Sunday</day></skipDays>"
				+ "<item><ttl>1</ttl><skipHours><hour>3</hour></skipHours></item></channel></rss>");

		assertThat(schedule.ttl()).isEqualTo(Duration.ofMinutes(30));
		assertThat(schedule.skipHours()).isEmpty();
		assertThat(schedule.skipDays()).isEqualTo(Set.of(DayOfWeek.SUNDAY));
		assertThat(schedule.outsideSkips(Instant.parse("2026-12-06T10:15:00Z")))
			.isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
	}

	private Cli.Result ingest(String... paths) {
		String[] args = new String[1 + 2 * paths.length];
		args[0] = "ingest";
		for (int i = 0; i < paths.length; i++) {
			args[1 + 2 * i] = "--from";
			args[2 + 2 * i] = web.url(paths[i]);
		}
		return this.cli.run(args);
	}

	private JsonNode source(String path) {
		Cli.Result list = this.cli.run("sources", "list", "--json");
		assertThat(list.exitCode()).as(list.err()).isZero();
		for (JsonNode source : JSON.readTree(list.out())) {
			if (source.get("location").asString().equals(web.url(path))) {
				return source;
			}
		}
		throw new AssertionError("no source " + path + " in " + list.out());
	}

	private static long requests(String path) {
		return web.requests().stream().filter((r) -> r.startsWith(path + " ")).count();
	}

	private static String quoted(String path) {
		return java.util.regex.Pattern.quote(web.url(path));
	}

	private static void answer(HttpExchange exchange, int status, String header, String value) throws IOException {
		exchange.getResponseHeaders().add(header, value);
		NewsroomServer.send(exchange, status, "text/html", "<h1>Wait</h1>".getBytes(StandardCharsets.UTF_8));
	}

	private static void feed(HttpExchange exchange, String guid, String cacheControl, String expires, String channel)
			throws IOException {
		if (cacheControl != null) {
			exchange.getResponseHeaders().add("Cache-Control", cacheControl);
		}
		if (expires != null) {
			exchange.getResponseHeaders().add("Expires", expires);
		}
		byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Town Hall</title>"
				+ "<link>https://town.example/</link><description>News</description>" + channel
				+ IngestFunctionalTests.item(guid.replace("/", ""),
						"Council story " + guid.replace("/", "").replace(".xml", ""),
						"The council met on Monday to discuss " + guid + " and agreed to meet again next week.")
				+ "</channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
		NewsroomServer.send(exchange, 200, "application/rss+xml", body);
	}

}
