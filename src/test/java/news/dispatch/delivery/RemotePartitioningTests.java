package news.dispatch.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.Cli;
import news.dispatch.DispatchApplication;
import news.dispatch.Fixtures;
import news.dispatch.SlowSmtpServer;
import news.dispatch.cli.CommandLineInterface;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning: an edition run here hands its send partitions over the database to
 * two {@code dispatch worker} processes, which send them all, each message once.
 */
@SpringBootTest(properties = { "dispatch.cli.run-on-start=false", "dispatch.data-dir=target/test-data/remote",
		"dispatch.digest.lookback-days=100000", "dispatch.sending.partitions=4", "dispatch.sending.remote=true",
		"dispatch.sending.remote-timeout=3m" })
class RemotePartitioningTests {

	static final Path DATA = Path.of("target/test-data/remote").toAbsolutePath();

	static final int READERS = 60;

	static SlowSmtpServer smtp;

	static final List<Process> workers = new ArrayList<>();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		smtp = new SlowSmtpServer(20);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtp::port);
	}

	@BeforeAll
	static void freshDataDirectory() {
		Fixtures.delete(DATA);
	}

	@AfterAll
	static void stop() throws IOException {
		workers.forEach(Process::destroyForcibly);
		smtp.close();
	}

	@Autowired
	CommandLineInterface commandLine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void workerProcessesSendTheEditionsPartitionsEachMessageOnce() throws Exception {
		// given: readers of Russia, a story, and two workers
		Cli cli = new Cli(this.commandLine);
		Path input = Files.createDirectories(DATA.resolve("input"));
		Files.writeString(input.resolve("topics.yml"), "topics:\n  - name: Russia\n    query: russia\n");
		StringBuilder csv = new StringBuilder("email,topics\n");
		for (int i = 0; i < READERS; i++) {
			csv.append("reader").append(i).append("@example.com,Russia\n");
		}
		Files.writeString(input.resolve("subscribers.csv"), csv);
		Files.createDirectories(input.resolve("inbox"));
		Files.writeString(input.resolve("inbox/story.txt"), "Russia story\n\nA story about Russia for everyone.\n");
		assertThat(cli.run("topics", "import", input.resolve("topics.yml").toString()).exitCode()).isZero();
		assertThat(cli.run("subscribers", "import", input.resolve("subscribers.csv").toString()).exitCode()).isZero();
		assertThat(cli.run("ingest", "--quiet", "--from", input.resolve("inbox").toString()).exitCode()).isZero();
		for (int i = 0; i < 2; i++) {
			workers.add(worker(i));
		}

		// when: the edition runs here
		Cli.Result run = cli.run("digest", "--date", "2031-05-05", "--quiet");

		// then: it completes, every reader has it once, and the workers sent it all
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(run.out()).contains(READERS + " sent");
		assertThat(smtp.messageIds()).hasSize(READERS);
		assertThat(new HashSet<>(smtp.messageIds())).hasSize(READERS);
		// a worker prints its line once the partition's step has ended, a moment after
		// the
		// run here saw it end
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		int byWorkers = handledByWorkers();
		while (byWorkers < READERS && System.nanoTime() < deadline) {
			Thread.sleep(200);
			byWorkers = handledByWorkers();
		}
		assertThat(byWorkers).isEqualTo(READERS);
		assertThat(this.jdbc.sql("select count(*) from INT_CHANNEL_MESSAGE").query(Long.class).single())
			.as("every request taken")
			.isZero();
	}

	private static int handledByWorkers() throws IOException {
		int handled = 0;
		for (int i = 0; i < 2; i++) {
			Matcher line = Pattern.compile("COMPLETED, (\\d+) message\\(s\\) handled")
				.matcher(Files.readString(DATA.resolve("worker-" + i + ".out")));
			while (line.find()) {
				handled += Integer.parseInt(line.group(1));
			}
		}
		return handled;
	}

	private static Process worker(int number) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(DispatchApplication.class.getName());
		command.add("worker");
		command.add("--dispatch.data-dir=" + DATA);
		command.add("--spring.mail.host=127.0.0.1");
		command.add("--spring.mail.port=" + smtp.port());
		command.add("--dispatch.digest.lookback-days=100000");
		return new ProcessBuilder(command).redirectOutput(DATA.resolve("worker-" + number + ".out").toFile())
			.redirectError(DATA.resolve("worker-" + number + ".err").toFile())
			.start();
	}

}
