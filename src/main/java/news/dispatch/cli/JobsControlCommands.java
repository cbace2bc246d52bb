package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import news.dispatch.run.RunLiveness;
import news.dispatch.run.StopRequests;
import news.dispatch.system.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code dispatch jobs stop | abandon | recover ID}: acting on a run that is going, or
 * that a killed process left behind.
 */
final class JobsControlCommands {

	private JobsControlCommands() {
	}

	@Command(name = "stop", mixinStandardHelpOptions = true,
			description = "Ask a running run to stop at its next chunk boundary, wherever it runs, and wait until it"
					+ " has stopped. A stopped run can be restarted.")
	static class StopCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The run's id (see jobs list).")
		private long id;

		@Option(names = "--timeout", defaultValue = "PT60S",
				description = "How long to wait for it to stop, e.g. PT30S (default: ${DEFAULT-VALUE}).")
		private Duration timeout;

		private final JobRepository repository;

		private final RunLiveness liveness;

		StopCommand(JobRepository repository, RunLiveness liveness) {
			this.repository = repository;
			this.liveness = liveness;
		}

		@Override
		public Integer call() throws InterruptedException {
			JobExecution execution = JobsCommand.find(this.repository, this.id);
			if (this.liveness.dead(execution)) {
				throw new InvalidInputException("Run " + this.id + " is left STARTED by a process that is gone, so"
						+ " nothing can stop it; run dispatch jobs recover " + this.id + " instead.");
			}
			try {
				StopRequests.request(this.repository, execution);
			}
			catch (JobExecutionNotRunningException ex) {
				throw new InvalidInputException("Run " + this.id + " is not running (it is " + execution.getStatus()
						+ "); there is nothing to stop.");
			}
			PrintWriter out = this.spec.commandLine().getOut();
			long deadline = System.nanoTime() + this.timeout.toNanos();
			while (System.nanoTime() < deadline) {
				JobExecution now = this.repository.getJobExecution(this.id);
				if (now.getStatus() == BatchStatus.STOPPED
						|| !now.isRunning() && now.getStatus() != BatchStatus.STOPPING) {
					out.printf("Run %d is %s; restart it with dispatch jobs restart %d.%n", this.id, now.getStatus(),
							this.id);
					return CommandLineInterface.DONE;
				}
				Thread.sleep(250);
			}
			this.spec.commandLine()
				.getErr()
				.printf("Run %d was asked to stop but has not stopped within %ds; it stops at its next chunk boundary."
						+ " Check with dispatch jobs show %d.%n", this.id, this.timeout.toSeconds(), this.id);
			return CommandLineInterface.FAILED;
		}

	}

	@Command(name = "abandon", mixinStandardHelpOptions = true,
			description = "Give up a stopped or failed run for good: it will never be restarted.")
	static class AbandonCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The run's id (see jobs list).")
		private long id;

		private final JobRepository repository;

		private final JobOperator operator;

		AbandonCommand(JobRepository repository, JobOperator operator) {
			this.repository = repository;
			this.operator = operator;
		}

		@Override
		public Integer call() {
			JobExecution execution = JobsCommand.find(this.repository, this.id);
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				throw new InvalidInputException("Run " + this.id + " completed; there is nothing to abandon.");
			}
			try {
				this.operator.abandon(execution);
			}
			catch (JobExecutionAlreadyRunningException ex) {
				throw new InvalidInputException("Run " + this.id + " is running; stop it first with dispatch jobs stop "
						+ this.id + " (or, if its process died, dispatch jobs recover " + this.id + ").");
			}
			this.spec.commandLine().getOut().printf("Run %d is abandoned.%n", this.id);
			return CommandLineInterface.DONE;
		}

	}

	@Command(name = "recover", mixinStandardHelpOptions = true,
			description = "Mark a run left STARTED by a process that was killed as FAILED, so that it can be restarted.")
	static class RecoverCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The run's id (see jobs list).")
		private long id;

		@Option(names = "--force",
				description = "Recover even when the run's process cannot be checked (it ran on another host).")
		private boolean force;

		private final JobRepository repository;

		private final JobOperator operator;

		private final RunLiveness liveness;

		RecoverCommand(JobRepository repository, JobOperator operator, RunLiveness liveness) {
			this.liveness = liveness;
			this.repository = repository;
			this.operator = operator;
		}

		@Override
		public Integer call() {
			JobExecution execution = JobsCommand.find(this.repository, this.id);
			if (!execution.isRunning()) {
				throw new InvalidInputException("Run " + this.id + " is " + execution.getStatus()
						+ ", not left running; there is nothing to recover."
						+ ((execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED)
								? " Restart it with dispatch jobs restart " + this.id + "." : ""));
			}
			RunLiveness.Liveness liveness = this.liveness.of(execution);
			if (liveness == RunLiveness.Liveness.ALIVE) {
				throw new InvalidInputException("Run " + this.id + " is still going in a live process; stop it with"
						+ " dispatch jobs stop " + this.id + " instead.");
			}
			if (liveness == RunLiveness.Liveness.UNKNOWN && !this.force) {
				throw new InvalidInputException("Run " + this.id
						+ " started moments ago on another host and holds no lease yet, so whether it is still going"
						+ " cannot be told; wait for dispatch.schedule.lease to pass, or check there and run dispatch"
						+ " jobs recover " + this.id + " --force.");
			}
			JobExecution recovered = this.operator.recover(execution);
			this.spec.commandLine()
				.getOut()
				.printf("Run %d is %s; restart it with dispatch jobs restart %d.%n", this.id, recovered.getStatus(),
						this.id);
			return CommandLineInterface.DONE;
		}

	}

}
