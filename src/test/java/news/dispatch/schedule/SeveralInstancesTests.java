package news.dispatch.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import news.dispatch.ChildJvms;
import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code dispatch serve} processes on one database (the H2 file in its automatic
 * mixed mode, or PostgreSQL under {@code -Ppostgres}), with a clock set before the
 * spring-forward change of America/New_York and going sixty times real time: the hourly
 * digest of each hour runs once, the instance sending it is killed (SIGKILL) in the
 * middle, and the other one recovers the run and finishes it: every reader has the
 * edition, nobody twice except a message in flight at the kill.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/instances", "dispatch.digest.lookback-days=100000" },
		smtp = FunctionalTest.Smtp.OWN)
class SeveralInstancesTests {

	static final Path DATA = Path.of("target/test-data/instances").toAbsolutePath();

	static final int READERS = 200;

	/**
	 * Messages a killed instance can have had in flight: 2 partitions × 2 connections × 3
	 * messages a connection hands over before recording their outcomes.
	 */
	static final int IN_FLIGHT = 12;

	@RegisterExtension
	static final FaultySmtpServer smtp = FaultySmtpServer.start().latency(100);

	@RegisterExtension
	static final ChildJvms instances = ChildJvms.sharing(DATA, smtp.port(), "--dispatch.digest.chunk-size=5",
			"--dispatch.digest.lookback-days=100000");

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Test
	void eachHourRunsOnceAndAKilledInstancesSendIsFinishedByAnother() throws Exception {
		// given: New York readers at 2 o'clock, an hour 2026-03-08 does not have, and a
		// story for them
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("Russia", "russia")
			.columns("email,topics,timezone,send_hour")
			.readers(READERS, "reader%d@example.com", "Russia", "America/New_York", "2")
			.story("Russia story", "A story about Russia for everyone.")
			.load();
		Path jobs = Files.createDirectories(DATA.resolve("jobs/digest"));
		Files.writeString(jobs.resolve("job.yml"), "schedule:\n  cron: \"0 0 * * * *\"\n  zone: UTC\n");

		// when: two instances serve, their clocks at 2026-03-08 01:30 EST going an hour a
		// minute, so 03:00 EDT (07:00Z) comes half a minute after they start
		Instant anchor = Instant.now();
		for (int i = 0; i < 2; i++) {
			serve(i, anchor);
		}
		awaitMessages(20, Duration.ofMinutes(3));
		long runId = this.jdbc
			.sql("select min(e.JOB_EXECUTION_ID) from BATCH_JOB_EXECUTION e join BATCH_JOB_INSTANCE i"
					+ " on i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID where i.JOB_NAME = 'digest-hourly'")
			.query(Long.class)
			.single();
		ChildJvms.Child sender = instanceRunning(runId);
		sender.kill();
		assertThat(sender.waitFor(Duration.ofSeconds(30))).isTrue();
		int sentAtKill = new HashSet<>(smtp.messageIds()).size();

		// then: the other instance finishes the edition
		awaitDistinctMessages(READERS, Duration.ofMinutes(3));
		List<String> ids = smtp.messageIds();
		assertThat(new HashSet<>(ids)).hasSize(READERS);
		assertThat(sentAtKill).as("killed in the middle of sending").isLessThan(READERS);
		long inDoubt = this.jdbc.sql("select count(*) from delivery where in_doubt").query(Long.class).single();
		assertThat(ids.size() - READERS).as("resent after the kill").isLessThanOrEqualTo((int) inDoubt);
		assertThat(inDoubt).isLessThanOrEqualTo(IN_FLIGHT);
		// the hour is one job instance, run once and restarted once after the kill
		List<String> slots = this.jdbc
			.sql("select p.PARAMETER_VALUE from BATCH_JOB_EXECUTION_PARAMS p join BATCH_JOB_EXECUTION e"
					+ " on e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID join BATCH_JOB_INSTANCE i"
					+ " on i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID where i.JOB_NAME = 'digest-hourly'"
					+ " and p.PARAMETER_NAME = 'slot' and e.JOB_EXECUTION_ID = ?")
			.param(runId)
			.query(String.class)
			.list();
		// 07:00Z, or a later hour when the instances took longer than half a minute to
		// start on a loaded machine
		assertThat(slots).singleElement().asString().matches("2026-03-08T(0[7-9]|1\\d):00:00Z");
		awaitCompleted(runId, Duration.ofMinutes(2));
		assertThat(this.jdbc
			.sql("select count(*) from BATCH_JOB_INSTANCE i join BATCH_JOB_EXECUTION e"
					+ " on i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID where i.JOB_INSTANCE_ID ="
					+ " (select JOB_INSTANCE_ID from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID = ?)")
			.param(runId)
			.query(Long.class)
			.single()).as("the killed run and its restart").isEqualTo(2);
	}

	@Test
	void anInvalidScheduleRefusesServesStart() throws Exception {
		// given
		Path jobs = Files.createDirectories(DATA.resolve("bad-jobs/digest"));
		Files.writeString(jobs.resolve("job.yml"), "schedule:\n  cron: \"every hour\"\n  zone: UTC\n");

		// when
		ChildJvms.Child serve = instances.dispatch("bad", "serve", "--server.port=0",
				"--dispatch.jobs-dir=" + DATA.resolve("bad-jobs"));

		// then
		assertThat(serve.waitFor(Duration.ofSeconds(120))).isTrue();
		String err = serve.errText();
		assertThat(serve.exitValue()).as(err).isEqualTo(2);
		assertThat(err).contains("The schedule in " + jobs.resolve("job.yml")
				+ " is refused: schedule.cron: \"every hour\" is not a cron expression");
	}

	private ChildJvms.Child serve(int number, Instant anchor) {
		return instances.dispatch("serve-" + number, "serve", "--server.port=0",
				"--dispatch.jobs-dir=" + DATA.resolve("jobs"), "--dispatch.clock.start=2026-03-08T06:30:00Z",
				"--dispatch.clock.anchor=" + anchor, "--dispatch.clock.rate=60", "--dispatch.schedule.lease=6s",
				"--dispatch.schedule.heartbeat=2s", "--dispatch.sending.partitions=2",
				"--dispatch.sending.connections=2", "--dispatch.sending.in-flight=3");
	}

	/**
	 * The instance (one this test started) whose process holds the run's lease.
	 */
	private ChildJvms.Child instanceRunning(long runId) {
		Optional<String> owner = this.jdbc.sql("select owner from dispatch_lease where name = ?")
			.param("run:" + runId)
			.query(String.class)
			.optional();
		assertThat(owner).as("the lease of run " + runId).isPresent();
		long pid = Long.parseLong(owner.get().substring(0, owner.get().indexOf('@')));
		return instances.running()
			.stream()
			.filter((instance) -> instance.pid() == pid)
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"run " + runId + " is held by " + owner.get() + ", not by an instance this test started"));
	}

	private static void awaitMessages(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (smtp.messageIds().size() < count) {
			assertThat(System.nanoTime()).as("messages sent in time").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void awaitDistinctMessages(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (new HashSet<>(smtp.messageIds()).size() < count) {
			assertThat(System.nanoTime())
				.as("every reader's message in time, not only " + new HashSet<>(smtp.messageIds()).size())
				.isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private void awaitCompleted(long runId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.jdbc
			.sql("select count(*) from BATCH_JOB_EXECUTION where STATUS = 'COMPLETED' and JOB_INSTANCE_ID ="
					+ " (select JOB_INSTANCE_ID from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID = ?)")
			.param(runId)
			.query(Long.class)
			.single() == 0) {
			assertThat(System.nanoTime()).as("run " + runId + " restarted and completed").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

}
