package news.dispatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.ChildJvms;
import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.delivery.SendingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs stopped by SIGTERM and runs left behind by a killed process, with the digest job
 * running in a separate JVM beside this one (both on the same H2 file, as an operator's
 * command runs beside a scheduler).
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/job-process", "dispatch.digest.chunk-size=5",
		"dispatch.digest.lookback-days=100000" }, smtp = FunctionalTest.Smtp.OWN)
class JobProcessTests {

	static final Path DATA = Path.of("target/test-data/job-process").toAbsolutePath();

	static final int SUBSCRIBERS = 120;

	@RegisterExtension
	static final FaultySmtpServer smtp = FaultySmtpServer.start().latency(20);

	@RegisterExtension
	static final ChildJvms children = ChildJvms.sharing(DATA, smtp.port(), "--dispatch.digest.chunk-size=5",
			"--dispatch.digest.lookback-days=100000");

	@Autowired
	Cli cli;

	@Autowired
	SendingSettings sending;

	@Test
	void sigtermStopsTheRunAtAChunkBoundaryAndRestartFinishesItWithoutDuplicates() throws Exception {
		// given: two hundred subscribers of Russia and articles about it
		LocalDate edition = LocalDate.of(2031, 3, 3);

		// when: the edition runs in another process, which gets SIGTERM while it sends
		ChildJvms.Child digest = sendingInAnotherProcess("sigterm", edition);
		digest.stop();

		// then: the run stops, exits 1 and says how to go on
		assertThat(digest.waitFor(Duration.ofSeconds(60))).isTrue();
		String err = digest.errText();
		assertThat(digest.exitValue()).as(err).isEqualTo(1);
		assertThat(err).contains("stopped; to go on from where it stopped, run: dispatch jobs restart");
		String id = runId(err);
		assertThat(this.cli.run("jobs", "show", id, "--json").out()).contains("\"status\" : \"STOPPED\"");
		int sentBeforeStop = smtp.messageIds().size();
		assertThat(sentBeforeStop).isLessThan(SUBSCRIBERS);

		// when: the operator restarts it
		ChildJvms.Child restart = children.dispatch("child", "jobs", "restart", id);

		// then: every subscriber has the edition, and nobody twice
		assertThat(restart.waitFor(Duration.ofSeconds(120))).isTrue();
		assertThat(restart.exitValue()).as(restart.errText()).isZero();
		List<String> ids = smtp.messageIds();
		assertThat(ids).hasSize(SUBSCRIBERS).doesNotHaveDuplicates();
	}

	@Test
	void jobsStopFromAnotherProcessStopsTheRunAndRestartFinishesIt() throws Exception {
		// given
		LocalDate edition = LocalDate.of(2031, 3, 5);

		// when: the edition runs in another process and the operator stops it from here
		ChildJvms.Child digest = sendingInAnotherProcess("stop", edition);
		String id = runningId(this.cli);
		Cli.Result stop = this.cli.run("jobs", "stop", id, "--timeout", "PT60S");

		// then: the run is STOPPED, its process exits 1, and a restart finishes the
		// edition
		assertThat(stop.exitCode()).as(stop.err()).isZero();
		assertThat(stop.out()).contains("Run " + id + " is STOPPED");
		assertThat(digest.waitFor(Duration.ofSeconds(60))).isTrue();
		assertThat(digest.exitValue()).isEqualTo(1);
		Cli.Result restart = this.cli.run("jobs", "restart", id, "--quiet");
		assertThat(restart.exitCode()).as(restart.err()).isZero();
		assertThat(smtp.messageIds()).hasSize(SUBSCRIBERS).doesNotHaveDuplicates();
	}

	@Test
	void aRunLeftByAKilledProcessIsMarkedRecoveredAndRestartedWithAtMostTheInFlightMessageTwice() throws Exception {
		// given
		LocalDate edition = LocalDate.of(2031, 3, 4);

		// when: the process sending the edition is killed
		ChildJvms.Child digest = sendingInAnotherProcess("sigkill", edition);
		digest.kill();
		assertThat(digest.waitFor(Duration.ofSeconds(30))).isTrue();

		// then: the run is left STARTED, and the operator is told what to do
		Cli.Result list = this.cli.run("jobs", "list", "--job", "digest");
		assertThat(list.out()).containsPattern("STARTED .*\\(its process is gone: dispatch jobs recover \\d+\\)");
		Cli.Result again = this.cli.run("digest", "--date", edition.toString());
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("left STARTED by a process that is gone; run dispatch jobs recover");
		String id = runId(again.err());

		// when: the operator recovers it and restarts it
		Cli.Result recovered = this.cli.run("jobs", "recover", id);
		Cli.Result restarted = this.cli.run("jobs", "restart", id);

		// then: every subscriber has the edition; only the messages in flight at the kill
		// (a group of dispatch.sending.in-flight per connection at most) can come twice,
		// and the restart says how many
		assertThat(recovered.exitCode()).as(recovered.err()).isZero();
		assertThat(recovered.out()).contains("is FAILED");
		assertThat(restarted.exitCode()).as(restarted.err()).isZero();
		List<String> ids = smtp.messageIds();
		int duplicates = ids.size() - SUBSCRIBERS;
		assertThat(ids.stream().distinct()).hasSize(SUBSCRIBERS);
		assertThat(duplicates).isBetween(0, this.sending.connections().count() * this.sending.inFlight());
		Matcher inDoubt = Pattern.compile("(\\d+) message\\(s\\) were in flight").matcher(restarted.out());
		assertThat(inDoubt.find() ? Integer.parseInt(inDoubt.group(1)) : 0).as(restarted.out())
			.isGreaterThanOrEqualTo(duplicates);
	}

	/**
	 * Readers of this topic and a story on it, and the edition being sent by another
	 * process, which has sent 20 messages when this returns.
	 */
	private ChildJvms.Child sendingInAnotherProcess(String topic, LocalDate edition) throws InterruptedException {
		given(this.cli, topic);
		ChildJvms.Child digest = children.dispatch("child", "digest", "--date", edition.toString());
		awaitMessages(digest, 20);
		return digest;
	}

	private void given(Cli cli, String topic) {
		smtp.forget();
		Newsroom.in(cli, DATA.resolve("input-" + topic))
			.topic(topic, "russia AND " + topic)
			.readers(SUBSCRIBERS, "reader%d." + topic + "@example.com", topic)
			.story("Russia story about " + topic,
					"A story about Russia and " + topic + " that every reader of the topic gets.")
			.load();
	}

	/**
	 * Waits for the child's first messages: three minutes at most, as a JVM starting on a
	 * busy machine takes that long; fails at once if the child has ended.
	 */
	private static void awaitMessages(ChildJvms.Child child, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (smtp.messageIds().size() < count) {
			assertThat(child.process().isAlive()).as(() -> "the child ended before sending: " + child.errText())
				.isTrue();
			assertThat(System.nanoTime()).as("the child process sends within three minutes").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static String runningId(Cli cli) {
		Matcher matcher = Pattern.compile("(\\d+)  digest   STARTED")
			.matcher(cli.run("jobs", "list", "--status", "STARTED").out());
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static String runId(String text) {
		Matcher matcher = Pattern.compile("dispatch jobs (?:restart|recover) (\\d+)").matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return matcher.group(1);
	}

}
