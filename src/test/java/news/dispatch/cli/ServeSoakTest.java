package news.dispatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.ChildJvms;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dispatch serve} with its schedules running (ingest of the inbox every 15
 * seconds, the hourly digest every minute) for several minutes while a driver, in
 * processes of its own on the same data directory, ingests stories, widens the topics and
 * the readers' keywords, and runs digest editions, several at once. At the end every
 * reader has had, in all their digests together, exactly the stories that
 * {@code topics test} of their topics' and keywords' queries finds. Queries only ever
 * gain alternatives, so a story sent under an earlier query still matches the last.
 * {@code mvn -B -o test -Psoak
 * -Dtest=ServeSoakTest} ({@code -Dcycles=N}, 4 by default).
 */
@SpringBootTest(properties = { "dispatch.cli.run-on-start=false", "dispatch.data-dir=target/test-data/serve-soak" })
class ServeSoakTest {

	static final Path DATA = Path.of("target/test-data/serve-soak").toAbsolutePath();

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Each topic's query, widened by one alternative a cycle (the last stays). */
	static final Map<String, List<String>> TOPICS = Map.of("North Korea",
			List.of("pyongyang", "\"north korea\"", "\"kim jong un\""), "Russia", List.of("kremlin", "moscow"),
			"Weather", List.of("storm", "gales", "drought"));

	/** Each reader's topics and own keywords, widened likewise. */
	static final Map<String, String> READER_TOPICS = Map.of("nora@example.com", "North Korea", "ruth@example.com",
			"Russia;Weather", "keith@example.com", "", "gail@example.com", "Weather");

	static final Map<String, List<String>> READER_KEYWORDS = Map.of("keith@example.com", List.of("tractor*", "harvest"),
			"gail@example.com", List.of("pyongyang", "moscow"));

	static final List<String> SUBJECTS = List.of("pyongyang", "north korea", "kim jong un", "kremlin", "moscow",
			"storm", "gales", "drought", "tractors", "harvest", "parliament");

	static final List<Process> serving = new ArrayList<>();

	@BeforeAll
	static void freshDataDirectory() {
		Fixtures.delete(DATA);
	}

	@AfterAll
	static void stopServe() {
		serving.forEach(Process::destroyForcibly);
	}

	@Autowired
	CommandLineInterface commandLine;

	private final Random random = new Random(23);

	private int stories;

	@Test
	void everyReadersDigestsHoldExactlyTheStoriesTheirQueriesMatch() throws Exception {
		// given: topics, readers due this hour, and serve running its schedules
		int cycles = Integer.getInteger("cycles", 4);
		Path input = Files.createDirectories(DATA.resolve("input"));
		Files.createDirectories(DATA.resolve("inbox"));
		Path jobs = Files.createDirectories(DATA.resolve("jobs"));
		Files.createDirectories(jobs.resolve("ingest"));
		Files.writeString(jobs.resolve("ingest/job.yml"), "schedule:\n  cron: \"*/15 * * * * *\"\n  zone: UTC\n");
		Files.createDirectories(jobs.resolve("digest"));
		Files.writeString(jobs.resolve("digest/job.yml"), "schedule:\n  cron: \"0 * * * * *\"\n  zone: UTC\n");
		dispatch("topics", "import", topics(input, 0).toString());
		dispatch("subscribers", "import", readers(input, 0).toString());
		serving.add(start(DATA.resolve("serve.out"), "serve", "--server.port=0", "--dispatch.jobs-dir=" + jobs));

		// when: each cycle, stories come in through serve's inbox and through an ingest
		// command while the topics change; then the keywords change while an edition runs
		for (int cycle = 1; cycle <= cycles; cycle++) {
			for (int i = 0; i < 3; i++) {
				story(DATA.resolve("inbox"));
			}
			Path batch = Files.createDirectories(input.resolve("batch-" + cycle));
			for (int i = 0; i < 3; i++) {
				story(batch);
			}
			Path topics = topics(input, cycle);
			Path readers = readers(input, cycle);
			together(List.of("ingest", "--from", batch.toString()), List.of("topics", "import", topics.toString()));
			together(List.of("subscribers", "import", readers.toString()),
					List.of("digest", "--date", LocalDate.of(2031, 1, cycle).toString()));
		}
		// the inbox's last stories are in, then one last edition after every change
		Thread.sleep(20_000);
		dispatch("digest", "--date", "2031-12-31");
		serving.get(0).destroy();
		assertThat(serving.get(0).waitFor(60, TimeUnit.SECONDS)).isTrue();

		// then: each reader had exactly what their queries match, and nothing twice
		Cli cli = new Cli(this.commandLine);
		Map<String, List<Integer>> received = received();
		for (String reader : READER_TOPICS.keySet()) {
			Set<Integer> expected = new TreeSet<>();
			for (String query : queriesOf(reader, cycles)) {
				Cli.Result test = cli.run("topics", "test", query, "--json", "--days", "30", "--limit", "10000");
				assertThat(test.exitCode()).as(test.err()).isZero();
				List<Map<String, Object>> found = JSON.readValue(test.out(),
						new TypeReference<List<Map<String, Object>>>() {
						});
				found.forEach((story) -> expected.add(number((String) story.get("headline"))));
			}
			List<Integer> got = received.getOrDefault(reader, List.of());
			assertThat(new TreeSet<>(got)).as(reader).isEqualTo(expected);
			assertThat(got).as(reader + " had no story twice").doesNotHaveDuplicates();
		}
		assertThat(dispatch("topics", "verify")).contains("no difference");
		assertThat(this.stories).isEqualTo(cycles * 6);
	}

	/** Topics with the first {@code 1 + cycle} alternatives of each query. */
	private Path topics(Path input, int cycle) throws IOException {
		StringBuilder yml = new StringBuilder("topics:\n");
		TOPICS.forEach((name, alternatives) -> yml.append("  - name: \"")
			.append(name)
			.append("\"\n    query: '")
			.append(widened(alternatives, cycle))
			.append("'\n"));
		return Files.writeString(input.resolve("topics-" + cycle + ".yml"), yml);
	}

	private Path readers(Path input, int cycle) throws IOException {
		int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
		StringBuilder csv = new StringBuilder("email,topics,frequency,timezone,send_hour,keywords\n");
		READER_TOPICS.forEach((reader, topics) -> {
			List<String> keywords = READER_KEYWORDS.get(reader);
			csv.append(reader)
				.append(',')
				.append(topics)
				.append(",daily,UTC,")
				.append(hour)
				.append(",\"")
				.append((keywords != null) ? widened(keywords, cycle).replace("\"", "\"\"") : "")
				.append("\"\n");
		});
		return Files.writeString(input.resolve("readers-" + cycle + ".csv"), csv);
	}

	private static String widened(List<String> alternatives, int cycle) {
		return String.join(" OR ", alternatives.subList(0, Math.min(alternatives.size(), 1 + cycle)));
	}

	private static List<String> queriesOf(String reader, int cycles) {
		List<String> queries = new ArrayList<>();
		for (String topic : READER_TOPICS.get(reader).split(";")) {
			if (!topic.isEmpty()) {
				queries.add(widened(TOPICS.get(topic), cycles));
			}
		}
		if (READER_KEYWORDS.containsKey(reader)) {
			queries.add(widened(READER_KEYWORDS.get(reader), cycles));
		}
		return queries;
	}

	/**
	 * A story on one subject, named in its lead, amid words drawn at random so no two
	 * stories are near duplicates.
	 */
	private void story(Path folder) throws IOException {
		int number = ++this.stories;
		String subject = SUBJECTS.get(this.random.nextInt(SUBJECTS.size()));
		StringBuilder filler = new StringBuilder();
		for (int i = 0; i < 60; i++) {
			filler.append("w").append(Integer.toString(this.random.nextInt(100_000), 36)).append(' ');
		}
		Files.writeString(folder.resolve("story-" + number + ".txt"), "Soak story " + number + " filed\n\nNews about "
				+ subject + " today, and more on " + subject + " tonight.\n\n" + filler.toString().strip() + ".\n");
	}

	private static int number(String headline) {
		Matcher matcher = Pattern.compile("Soak story (\\d+) filed").matcher(headline);
		assertThat(matcher.find()).as(headline).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/** The story numbers in every digest each reader received, by address. */
	private static Map<String, List<Integer>> received() throws Exception {
		Map<String, List<Integer>> byReader = new HashMap<>();
		Session session = Session.getInstance(new java.util.Properties());
		try (Stream<Path> files = Files.list(DATA.resolve("outbox"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".eml")).toList()) {
				MimeMessage message;
				try (InputStream in = Files.newInputStream(file)) {
					message = new MimeMessage(session, in);
				}
				String to = message.getRecipients(Message.RecipientType.TO)[0].toString().replaceAll(".*<|>.*", "");
				Matcher matcher = Pattern.compile("Soak story (\\d+) filed").matcher(text(message.getContent()));
				List<Integer> numbers = byReader.computeIfAbsent(to, (reader) -> new ArrayList<>());
				while (matcher.find()) {
					numbers.add(Integer.parseInt(matcher.group(1)));
				}
			}
		}
		return byReader;
	}

	/** The text/plain part of a message. */
	private static String text(Object content) throws Exception {
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.isMimeType("text/plain")) {
					return (String) part.getContent();
				}
				if (part.getContent() instanceof Multipart nested) {
					String text = text(nested);
					if (!text.isEmpty()) {
						return text;
					}
				}
			}
			return "";
		}
		return String.valueOf(content);
	}

	/** Runs two commands at once, each in a process of its own, and waits for both. */
	private static void together(List<String> first, List<String> second) {
		CompletableFuture<String> one = CompletableFuture.supplyAsync(() -> run(first));
		CompletableFuture<String> two = CompletableFuture.supplyAsync(() -> run(second));
		one.join();
		two.join();
	}

	private static String run(List<String> args) {
		try {
			return dispatch(args.toArray(String[]::new));
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a command in a process of its own; fails unless it exits 0. */
	static String dispatch(String... args) throws IOException, InterruptedException {
		Path out = Files.createTempFile(DATA, "command", ".out");
		Process process = start(out, args);
		assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("dispatch %s finished", String.join(" ", args)).isTrue();
		String printed = Files.readString(out);
		assertThat(process.exitValue()).as("dispatch %s: %s", String.join(" ", args), printed).isZero();
		return printed;
	}

	private static Process start(Path out, String... args) throws IOException {
		List<String> command = ChildJvms.command(List.of(args));
		command.add("--dispatch.data-dir=" + DATA);
		command.add("--dispatch.digest.lookback-days=100000");
		command.add("--dispatch.digest.max-articles=1000");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
	}

}
