package news.dispatch.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import com.icegreen.greenmail.util.GreenMailUtil;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.TestMail;
import news.dispatch.alert.AlertJob;
import news.dispatch.article.Articles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run left going by a process that died is finished by another: here an alert, whose
 * process died before it sent anything.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/run-recovery", "dispatch.schedule.lease=1s",
		"dispatch.schedule.heartbeat=300ms", "dispatch.alert.quiet-from=00:00", "dispatch.alert.quiet-until=00:00" })
@Tag("postgres")
class RunRecoveryTests {

	static final Path DATA = Path.of("target/test-data/run-recovery");

	@Autowired
	Cli cli;

	@Autowired
	Articles articles;

	@Autowired
	JobRepository jobs;

	@Autowired
	RunRecovery recovery;

	@Test
	void anAlertLeftGoingByADeadProcessIsRestartedAndSent() throws Exception {
		// given: a reader of Russia who takes alerts, and the story
		Path input = DATA.resolve("input");
		assertThat(this.cli.run("topics", "import", Fixtures.copy("topics.yml", input).toString()).exitCode()).isZero();
		Path readers = input.resolve("readers.csv");
		Files.writeString(readers, "email,name,topics,frequency,timezone,send_hour,alerts\n"
				+ "ana@example.com,Ana,Russia,daily,UTC,7,true\n");
		assertThat(this.cli.run("subscribers", "import", readers.toString()).exitCode()).isZero();
		assertThat(
				this.cli.run("ingest", "--quiet", "--from", Fixtures.copy("inbox/", input.resolve("inbox")).toString())
					.exitCode())
			.isZero();
		long story = Newsroom.articleId(this.articles, "Russian gas exports");

		// and: the alert's run, as a process that died at its start left it (going, no
		// lease renewed)
		JobParameters parameters = AlertJob.parameters(story);
		JobInstance instance = this.jobs.createJobInstance(AlertJob.NAME, parameters);
		JobExecution dead = this.jobs.createJobExecution(instance, parameters, new ExecutionContext());
		dead.setStatus(BatchStatus.STARTED);
		dead.setStartTime(LocalDateTime.now());
		this.jobs.update(dead);
		Thread.sleep(1500);

		// when: another instance looks for dead runs
		List<Long> recovered = this.recovery.recoverDead();

		// then: the run is marked FAILED and restarted here, and the alert goes out
		assertThat(recovered).containsExactly(dead.getId());
		assertThat(TestMail.server().waitForIncomingEmail(20_000, 1)).as("the alert sent by the restart").isTrue();
		assertThat(TestMail.received().get(0).getSubject()).startsWith("BREAKING: Russian gas exports");
		assertThat(GreenMailUtil.getAddressList(TestMail.received().get(0).getAllRecipients()))
			.isEqualTo("Ana <ana@example.com>");
		List<JobExecution> runs = this.jobs.getJobExecutions(instance);
		assertThat(runs).hasSize(2);
		assertThat(this.jobs.getJobExecution(dead.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		awaitCompleted(instance);
	}

	private void awaitCompleted(JobInstance instance) throws InterruptedException {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (this.jobs.getJobExecutions(instance)
				.stream()
				.anyMatch((run) -> run.getStatus() == BatchStatus.COMPLETED)) {
				return;
			}
			Thread.sleep(100);
		}
		assertThat(this.jobs.getJobExecutions(instance)).extracting(JobExecution::getStatus)
			.contains(BatchStatus.COMPLETED);
	}

}
