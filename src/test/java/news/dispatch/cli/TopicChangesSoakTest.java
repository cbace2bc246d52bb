package news.dispatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import news.dispatch.ChildJvms;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 as it was found: North Korea stories ingested one command at a time, with the
 * topics and the subscribers' keywords changed in between, each command a process of its
 * own on one data directory, then the digest. Every story keeps its topic and reaches the
 * reader who follows it, whichever process wrote the kept query index. Repeated
 * {@code -Drounds=N} times (once by default), each in a fresh data directory. Each
 * command is a Spring Boot start of its own (14 a round, several minutes on a busy
 * machine), so it runs with the soak tests ({@code mvn -o test -Psoak}), not in every
 * build.
 */
@SpringBootTest(properties = { "dispatch.cli.run-on-start=false",
		"dispatch.data-dir=target/test-data/stories-keep-topic/parent" })
class TopicChangesSoakTest {

	static final Path DATA = Path.of("target/test-data/stories-keep-topic").toAbsolutePath();

	/** The names are in the body only, so only a query's body alternative finds them. */
	static final List<String> STORIES = List.of(
			"Envoys meet at the border\n\nEnvoys from Pyongyang met officials at the border on Monday.\n\nPyongyang said little.\n",
			"Missile test over the sea\n\nNorth Korea fired a missile into the sea on Tuesday.\n\nNorth Korea called it a routine test.\n",
			"Leader visits a factory\n\nKim Jong Un toured a tractor factory on Wednesday.\n\nKim Jong Un praised the workers.\n",
			"Rail link reopens\n\nA rail link between Pyongyang and the north reopened on Thursday.\n\nTrains to Pyongyang run daily.\n");

	@BeforeAll
	static void freshDataDirectory() {
		Fixtures.delete(DATA);
	}

	@Autowired
	CommandLineInterface commandLine;

	@Test
	void storiesIngestedBetweenTopicAndKeywordChangesKeepTheirTopicAndReachTheirReader() throws Exception {
		for (int round = 1; round <= Integer.getInteger("rounds", 1); round++) {
			Path data = DATA.resolve("round-" + round);
			Path input = Files.createDirectories(data.resolve("input"));
			Path topics = input.resolve("topics.yml");
			Files.writeString(topics, "topics:\n  - name: \"North Korea\"\n"
					+ "    query: '\"north korea\" OR pyongyang OR \"kim jong un\"'\n  - name: Russia\n    query: 'kremlin'\n");
			Files.writeString(input.resolve("readers.csv"),
					"email,topics,frequency\nnora.kim@example.com,North Korea,daily\n");
			Files.writeString(input.resolve("keywords.csv"),
					"email,topics,frequency,keywords\nkeith.watts@example.com,,daily,tractor*\n");

			// given: the topics and a reader of North Korea
			dispatch(data, "topics", "import", topics.toString());
			dispatch(data, "subscribers", "import", input.resolve("readers.csv").toString());

			// when: four stories come in one command at a time, the topics change after
			// the
			// second and a reader with keywords arrives after the third; then the digest
			for (int i = 0; i < STORIES.size(); i++) {
				if (i == 2) {
					Files.writeString(topics, Files.readString(topics).replace("'kremlin'", "'kremlin OR moscow'")
							+ "  - name: Weather\n    query: 'storm OR gales'\n");
					dispatch(data, "topics", "import", topics.toString());
				}
				if (i == 3) {
					dispatch(data, "subscribers", "import", input.resolve("keywords.csv").toString());
				}
				Path inbox = Files.createDirectories(input.resolve("inbox-" + i));
				Files.writeString(inbox.resolve("story.txt"), STORIES.get(i));
				dispatch(data, "ingest", "--from", inbox.toString());
			}
			dispatch(data, "digest", "--date", LocalDate.now().toString());

			// then: every story is on North Korea, the reader's digest has all four, and
			// an
			// independent match agrees with what is stored
			Cli cli = new Cli(this.commandLine);
			String listed = dispatch(data, "articles", "list");
			for (String story : STORIES) {
				String headline = story.lines().findFirst().orElseThrow();
				assertThat(listed.lines().filter((line) -> line.contains(headline))).as("round %d: %s", round, listed)
					.singleElement()
					.asString()
					.contains("North Korea");
			}
			String digest = digestTo(data, "nora.kim@example.com");
			for (String story : STORIES) {
				assertThat(digest).as("round %d", round).contains(story.lines().findFirst().orElseThrow());
			}
			assertThat(dispatch(data, "topics", "verify")).contains("no difference");
			assertThat(cli.run("topics", "verify", "--days", "0").exitCode()).isEqualTo(2);
		}
	}

	/**
	 * Runs one {@code dispatch} command in a JVM of its own and returns what it printed;
	 * fails the test if it does not exit 0.
	 */
	static String dispatch(Path data, String... args) throws IOException, InterruptedException {
		List<String> command = ChildJvms.command(List.of(args));
		command.add("--dispatch.data-dir=" + data);
		Path out = data.resolve("child.out");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("dispatch %s finished", String.join(" ", args)).isTrue();
		String printed = Files.readString(out);
		assertThat(process.exitValue()).as("dispatch %s: %s", String.join(" ", args), printed).isZero();
		return printed;
	}

	/** The text of every message the embedded mail server received for one address. */
	static String digestTo(Path data, String address) throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.list(data.resolve("outbox"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".eml")).toList()) {
				String message = Files.readString(file, StandardCharsets.UTF_8);
				if (message.contains("To: " + address) || message.contains("<" + address + ">")) {
					all.append(message);
				}
			}
		}
		return all.toString();
	}

}
