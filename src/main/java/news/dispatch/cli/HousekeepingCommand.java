package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

import news.dispatch.housekeeping.HousekeepingJob;
import news.dispatch.run.JobRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code dispatch housekeeping}: delete expired sign-ups and ended rate-limit counters
 * now, as the schedule of {@code jobs/housekeeping/job.yml} does.
 */
@Component
@Scope("prototype")
@Command(name = "housekeeping", mixinStandardHelpOptions = true,
		description = "Delete sign-ups never confirmed in time and ended rate-limit counters now"
				+ " (dispatch serve does it on the schedule of jobs/housekeeping/job.yml).")
class HousekeepingCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private QuietOption quiet = new QuietOption();

	private final Job housekeepingJob;

	private final JobRuns runs;

	HousekeepingCommand(@Qualifier("housekeepingJob") Job housekeepingJob, JobRuns runs) {
		this.housekeepingJob = housekeepingJob;
		this.runs = runs;
	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		JobRuns.Run run = this.runs.run(this.housekeepingJob, HousekeepingJob.parameters(Instant.now()),
				this.quiet.quiet);
		out.printf("Deleted %d expired %s and %d ended rate-limit %s.%n", deleted(run, HousekeepingJob.SIGN_UPS_STEP),
				(deleted(run, HousekeepingJob.SIGN_UPS_STEP) == 1) ? "sign-up" : "sign-ups",
				deleted(run, HousekeepingJob.COUNTERS_STEP),
				(deleted(run, HousekeepingJob.COUNTERS_STEP) == 1) ? "counter" : "counters");
		return run.completed() ? CommandLineInterface.DONE
				: JobRuns.reportUnfinished(this.spec.commandLine().getErr(), run.execution());
	}

	private static long deleted(JobRuns.Run run, String stepName) {
		StepExecution step = run.step(stepName);
		return (step != null) ? step.getWriteCount() : 0;
	}

}
