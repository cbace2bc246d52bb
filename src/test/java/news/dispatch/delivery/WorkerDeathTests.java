package news.dispatch.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
 * A worker that dies in the middle of a partition (SIGKILL) does not stop the edition:
 * once its lease on the partition lapses, the manager hands the partition to another
 * worker, the messages the dead worker had in flight are counted in doubt and go again
 * with the same Message-ID, and the edition finishes with no operator action. Everything
 * runs in processes of its own, as an operator would start them: the edition, and three
 * {@code dispatch worker}s.
 */
@FunctionalTest(
		properties = { "dispatch.data-dir=target/test-data/worker-death", "dispatch.digest.lookback-days=100000" },
		smtp = FunctionalTest.Smtp.OWN)
@Tag("postgres")
class WorkerDeathTests {

	static final Path DATA = Path.of("target/test-data/worker-death").toAbsolutePath();

	static final int READERS = 300;

	static final int WORKERS = 3;

	static final Duration TIMEOUT = Duration.ofMinutes(10);

	/** slow enough that a partition takes seconds: the kill lands in the middle of one */
	@RegisterExtension
	static final FaultySmtpServer smtp = FaultySmtpServer.start().latency(100);

	@RegisterExtension
	static final ChildJvms processes = ChildJvms.sharing(DATA, smtp.port(), "--dispatch.digest.lookback-days=100000",
			"--dispatch.sending.connections=2", "--dispatch.schedule.lease=8s", "--dispatch.schedule.heartbeat=2s");

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPartitionWhoseWorkerIsKilledIsHandedOnAndTheEditionFinishesWithEveryReaderServed() throws Exception {
		// given: 300 readers, a story, and three workers waiting for partitions
		Newsroom.oneStoryForEach(this.cli, DATA.resolve("input"), READERS);
		List<ChildJvms.Child> workers = Stream.iterate(0, (i) -> i + 1)
			.limit(WORKERS)
			.map((i) -> processes.dispatch("worker-" + i, "worker"))
			.toList();
		for (ChildJvms.Child worker : workers) {
			worker.awaitOutput(Pattern.compile("waiting for send partitions"), Duration.ofMinutes(5));
		}

		// when: the edition runs in three partitions, the last of them slower (its
		// readers' mail takes longer to accept), and its worker is killed in the middle
		// of it
		for (int i = 2 * READERS / 3; i < READERS; i++) {
			smtp.fail("reader" + i + "@example.com", new FaultySmtpServer.Fault.Slow(200));
		}
		long started = System.nanoTime();
		ChildJvms.Child edition = processes.dispatch("edition", "digest", "--date", "2031-05-05",
				"--dispatch.sending.partitions=3", "--dispatch.sending.remote=true",
				"--dispatch.sending.remote-timeout=" + TIMEOUT.toSeconds() + "s", "--dispatch.progress.interval=1s");
		ChildJvms.Child victim = awaitWorkerMidPartition(workers, Duration.ofMinutes(6));
		victim.kill();
		long killed = System.nanoTime();
		assertThat(victim.waitFor(Duration.ofSeconds(30))).isTrue();

		// then: the edition ends by itself, well before its timeout, with every message
		// sent
		assertThat(edition.waitFor(TIMEOUT)).as("the edition ends by itself").isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Duration afterKill = Duration.ofNanos(System.nanoTime() - killed);
		assertThat(edition.exitValue()).as(edition.outText() + edition.errText()).isZero();
		assertThat(took).isLessThan(TIMEOUT.dividedBy(2));
		// a lease (8 s) to notice, then a third of a partition to send again
		assertThat(afterKill).isLessThan(Duration.ofMinutes(2));
		assertThat(edition.outText()).contains(READERS + " sent, 0 to retry, 0 bounced, 0 failed, 0 pending");
		// every reader served; what arrived twice was counted in doubt, and reported
		List<String> ids = smtp.messageIds();
		Set<String> distinct = new HashSet<>(ids);
		assertThat(distinct).hasSize(READERS);
		long inDoubt = this.jdbc.sql("select count(*) from delivery where in_doubt").query(Long.class).single();
		assertThat(inDoubt).as("the messages the killed worker had in flight").isPositive();
		assertThat(ids.size() - distinct.size()).as("duplicates").isLessThanOrEqualTo((int) inDoubt);
		assertThat(edition.outText()).contains(inDoubt + " message(s) were in flight");
		// when nothing moved, the progress line named what the edition waited for (the
		// victim's partition, if the others had ended before its lease ran out)
		assertThat(edition.errText())
			.containsPattern("stalled for \\d+ s, waiting for partition \\S+ held by \\S+:\\d+");
	}

	/**
	 * Waits until the slow partition (the last subscriber range, whose mail the server
	 * takes longer to accept) is held by a worker and has between a tenth and two thirds
	 * of its messages accepted, and names that worker: the kill then lands in the middle
	 * of it, whichever worker took it.
	 */
	private ChildJvms.Child awaitWorkerMidPartition(List<ChildJvms.Child> workers, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			long slowAccepted = smtp.received()
				.stream()
				.filter((message) -> Integer.parseInt(message.recipient().replaceAll("\\D", "")) >= 2 * READERS / 3)
				.count();
			if (slowAccepted >= READERS / 30 && slowAccepted <= 2 * READERS / 9) {
				List<String> holders = this.jdbc
					.sql("select l.owner from dispatch_lease l join BATCH_STEP_EXECUTION s"
							+ " on l.name = concat('partition:', s.STEP_EXECUTION_ID)"
							+ " where s.STEP_NAME like 'send-digests-partition:%' and s.STATUS = 'STARTED'"
							+ " order by s.STEP_NAME desc")
					.query(String.class)
					.list();
				Optional<ChildJvms.Child> holder = workers.stream()
					.filter((worker) -> !holders.isEmpty() && holders.get(0).startsWith(worker.pid() + "@"))
					.findFirst();
				if (holder.isPresent()) {
					return holder.get();
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No worker was in the middle of the slow partition within " + timeout);
	}

}
