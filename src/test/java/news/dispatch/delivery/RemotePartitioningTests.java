package news.dispatch.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.ChildJvms;
import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning: an edition run here hands its send partitions over the database to
 * two {@code dispatch worker} processes, which send them all, each message once.
 */
@FunctionalTest(
		properties = { "dispatch.data-dir=target/test-data/remote", "dispatch.digest.lookback-days=100000",
				"dispatch.sending.partitions=4", "dispatch.sending.remote=true", "dispatch.sending.remote-timeout=3m" },
		smtp = FunctionalTest.Smtp.OWN)
@Tag("postgres")
class RemotePartitioningTests {

	static final Path DATA = Path.of("target/test-data/remote").toAbsolutePath();

	static final int READERS = 60;

	@RegisterExtension
	static final FaultySmtpServer smtp = FaultySmtpServer.start().latency(20);

	@RegisterExtension
	static final ChildJvms workers = ChildJvms.sharing(DATA, smtp.port(), "--dispatch.digest.lookback-days=100000");

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Test
	void workerProcessesSendTheEditionsPartitionsEachMessageOnce() throws Exception {
		// given: readers of Russia, a story, and two workers
		Newsroom.oneStoryForEach(this.cli, DATA.resolve("input"), READERS);
		for (int i = 0; i < 2; i++) {
			workers.dispatch("worker-" + i, "worker")
				.awaitOutput(Pattern.compile("waiting for send partitions"), Duration.ofMinutes(5));
		}

		// when: the edition runs here
		Cli.Result run = this.cli.run("digest", "--date", "2031-05-05", "--quiet");

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

}
