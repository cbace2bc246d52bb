package news.dispatch.archive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.article.Articles;
import news.dispatch.cli.CommandLineInterface;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive benchmark: 10,000 stories over 28 days on 20 topics, stored and matched
 * through {@code dispatch topics import} and {@code ingest}; then every kind of archive
 * page asked for over real HTTP, one request at a time, and the time to the last byte of
 * each answer recorded; prints p50, p95 and the slowest per page and overall, with the load
 * average. Not part of the test run: {@code mvn -o -Pbenchmark-archive test} (see
 * bench/README.md, Archive); {@code -Dbenchmark.stories=N -Dbenchmark.rounds=N}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.cli.run-on-start=false", "dispatch.data-dir=target/test-data/archive-benchmark",
				"dispatch.digest.lookback-days=100000", "dispatch.ingest.max-feed-size=100MB" })
class ArchiveBenchmark {

	static {
		// a fresh database for every run, before the application opens it
		Fixtures.delete(Path.of("target/test-data/archive-benchmark"));
	}

	static final int STORIES = Integer.getInteger("benchmark.stories", 10_000);

	static final int ROUNDS = Integer.getInteger("benchmark.rounds", 200);

	/** Untimed rounds first: a serve that has run a while has its hot paths compiled. */
	static final int WARMUP = Integer.getInteger("benchmark.warmup", 50);

	static final Path INPUT = Path.of("target/benchmark/archive");

	static final String[] TOPICS = { "Russia", "China", "Japan", "Brazil", "Kenya", "Canada", "Mexico", "Egypt",
			"Norway", "Chile", "Elections", "Energy", "Football", "Tennis", "Climate", "Markets", "Health", "Science",
			"Housing", "Transport" };

	static final String[] FILLER = ("the minister said on Monday that talks would continue next week while officials"
			+ " in the capital reviewed the figures published by the agency and analysts expected a decision before"
			+ " the end of the month as markets waited for news from the meeting")
		.split(" ");

	@LocalServerPort
	int port;

	@Autowired
	CommandLineInterface commandLine;

	private Cli cli;

	@Autowired
	Articles articles;

	@Autowired
	ArchiveIndex index;

	@Test
	void pageTimesWithTenThousandStoriesStored() throws Exception {
		Fixtures.delete(INPUT);
		this.cli = new Cli(this.commandLine);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		store(now);
		assertThat(this.articles.count()).isEqualTo(STORIES);
		long indexing = System.nanoTime();
		this.index.refresh();
		System.out.printf("Search index of %,d stories built in %.1f s%n", STORIES,
				(System.nanoTime() - indexing) / 1e9);

		String yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1).toString();
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("index", "/archive");
		pages.put("topic page 1", "/archive/topics/russia");
		pages.put("topic page 20", "/archive/topics/russia?page=20");
		pages.put("edition", "/archive/editions/" + yesterday);
		pages.put("atom feed", "/archive/topics/china.atom");
		pages.put("json feed", "/archive/topics/china.json");
		pages.put("search", "/archive/search?q=" + java.net.URLEncoder.encode("russia OR \"talks would\"", "UTF-8"));
		pages.put("search page 5", "/archive/search?q=minister+russia&page=5");
		pages.put("not found", "/archive/topics/nothing");

		HttpClient http = HttpClient.newHttpClient();
		for (int warm = 0; warm < WARMUP; warm++) {
			for (String path : pages.values()) {
				get(http, path);
			}
		}
		String loadBefore = loadAverage();
		Map<String, long[]> times = new LinkedHashMap<>();
		pages.keySet().forEach((page) -> times.put(page, new long[ROUNDS]));
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<String, String> page : pages.entrySet()) {
				long start = System.nanoTime();
				int status = get(http, page.getValue());
				times.get(page.getKey())[round] = System.nanoTime() - start;
				assertThat(status).as(page.getValue()).isIn(200, 404);
			}
		}
		System.out.printf("%nArchive pages with %,d stories stored, %d requests each after %d untimed rounds,"
				+ " one at a time; load average before: %s%n", STORIES, ROUNDS, WARMUP, loadBefore);
		System.out.printf("%-16s %8s %8s %8s%n", "page", "p50 ms", "p95 ms", "max ms");
		List<Long> all = new ArrayList<>();
		for (Map.Entry<String, long[]> page : times.entrySet()) {
			long[] sorted = page.getValue().clone();
			Arrays.sort(sorted);
			Arrays.stream(sorted).forEach(all::add);
			System.out.printf("%-16s %8.1f %8.1f %8.1f%n", page.getKey(), ms(sorted, 0.50), ms(sorted, 0.95),
					sorted[sorted.length - 1] / 1e6);
		}
		long[] every = all.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("%-16s %8.1f %8.1f %8.1f%n", "all pages", ms(every, 0.50), ms(every, 0.95),
				every[every.length - 1] / 1e6);
		System.out.printf("load average after: %s%n%n", loadAverage());
	}

	private void store(Instant now) throws IOException {
		Files.createDirectories(INPUT.resolve("inbox"));
		StringBuilder topics = new StringBuilder("topics:\n");
		for (String topic : TOPICS) {
			topics.append("  - name: \"").append(topic).append("\"\n    query: '").append(topic.toLowerCase())
				.append("'\n    in: anywhere\n    min-hits: 1\n");
		}
		Files.writeString(INPUT.resolve("topics.yml"), topics);
		assertThat(this.cli.run("topics", "import", INPUT.resolve("topics.yml").toString()).exitCode()).isZero();
		Random random = new Random(19);
		long span = 28L * 24 * 3600;
		for (int file = 0; file * 500 < STORIES; file++) {
			List<String> batch = new ArrayList<>();
			for (int i = file * 500; i < Math.min(STORIES, (file + 1) * 500); i++) {
				String first = TOPICS[random.nextInt(TOPICS.length)];
				String second = TOPICS[random.nextInt(TOPICS.length)];
				StringBuilder body = new StringBuilder();
				for (int paragraph = 0; paragraph < 4; paragraph++) {
					for (int word = 0; word < 40; word++) {
						body.append(FILLER[random.nextInt(FILLER.length)]).append(' ');
						if (word == 7 && paragraph == 0) {
							body.append(first).append(' ');
						}
						if (word == 20 && paragraph == 2) {
							body.append(second).append(' ');
						}
					}
					body.append("story ").append(i).append(".\\n\\n");
				}
				batch.add("{\"headline\": \"" + first + " and " + second + " story " + i + "\", \"body\": \"" + body
						+ "\", \"url\": \"https://news.example.com/story/" + i + "\", \"published\": \""
						+ now.minusSeconds((span * i) / STORIES + 60) + "\"}");
			}
			Files.writeString(INPUT.resolve("inbox").resolve("stories-" + file + ".json"),
					"[" + String.join(",\n", batch) + "]");
		}
		long start = System.nanoTime();
		Cli.Result ingested = this.cli.run("ingest", "--quiet", "--from", INPUT.resolve("inbox").toString());
		assertThat(ingested.exitCode()).as(ingested.err()).isZero();
		System.out.printf("Stored and matched %,d stories in %.1f s%n", STORIES, (System.nanoTime() - start) / 1e9);
	}

	private int get(HttpClient http, String path) throws Exception {
		HttpResponse<byte[]> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		return response.statusCode();
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

	private static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).strip();
	}

}
