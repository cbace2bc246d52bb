package news.dispatch.delivery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FaultySmtpServer.Fault;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connections of a send step take messages from one queue as each is free: a message
 * the server is slow to accept holds only its own connection, not the others at the end
 * of its chunk. Two connections, chunks of four; the server holds the second reader's
 * message until it has all the others but one (the slow connection's next message, taken
 * and composed while it sends), or 20 seconds.
 */
@FunctionalTest(
		properties = { "dispatch.data-dir=target/test-data/slow-connection", "dispatch.digest.lookback-days=100000",
				"dispatch.sending.connections=2", "dispatch.sending.in-flight=1", "dispatch.digest.chunk-size=4" },
		smtp = FunctionalTest.Smtp.OWN)
class SlowConnectionTests {

	static final Path DATA = Path.of("target/test-data/slow-connection");

	@RegisterExtension
	static final FaultySmtpServer server = FaultySmtpServer.start();

	@Autowired
	Cli cli;

	@Test
	void aSlowMessageHoldsOnlyItsOwnConnection() {
		// given: twelve readers, each of their own domain; the second one's message is
		// held until ten others have arrived
		List<String> readers = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			readers.add("reader" + i + "@slow" + i + ".example");
		}
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("slow", "slowword")
			.columns("email,name,topics,frequency")
			.subscribers(readers, "Reader", "slow", "daily")
			.story("News of slow", "The slowword story, with enough words for a lead paragraph.")
			.load();
		String slow = readers.get(1);
		server.fail(slow, new Fault.Watch(() -> {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (server.received().size() < readers.size() - 2 && System.nanoTime() < deadline) {
				sleep();
			}
		}));

		// when
		long start = System.nanoTime();
		Cli.Result result = this.cli.run("digest", "--date", LocalDate.of(2033, 1, 1).toString());
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

		// then: the other connection sent ten others, the later chunks' too, while the
		// slow one was held; the run did not wait out the server's 20 seconds
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("12 sent, 0 to retry");
		List<String> arrived = server.received().stream().map(FaultySmtpServer.Received::recipient).toList();
		assertThat(arrived).hasSize(12);
		assertThat(arrived.subList(10, 12)).contains(slow);
		assertThat(seconds).isLessThan(20);
	}

	private static void sleep() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
