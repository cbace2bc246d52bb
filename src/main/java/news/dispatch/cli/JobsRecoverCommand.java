package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import news.dispatch.system.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code dispatch jobs recover ID}: a run whose process died (killed, machine lost) stays
 * STARTED in the job repository for ever; this marks it FAILED so that
 * {@code jobs restart} can finish it. Only for a run no process is running any more.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
		description = "Mark a run whose process died as FAILED, so that jobs restart can finish it."
				+ " Only for a run that no process is running any more.")
class JobsRecoverCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "ID", description = "The run's id (see jobs list).")
	private long id;

	private final JobRepository repository;

	private final JobOperator operator;

	JobsRecoverCommand(JobRepository repository, JobOperator operator) {
		this.repository = repository;
		this.operator = operator;
	}

	@Override
	public Integer call() {
		JobExecution execution = JobsCommand.find(this.repository, this.id);
		if (!execution.isRunning()) {
			throw new InvalidInputException("Run " + this.id + " is " + execution.getStatus()
					+ ", not left running; there is nothing to recover (dispatch jobs restart " + this.id
					+ " restarts a FAILED or STOPPED run).");
		}
		JobExecution recovered = this.operator.recover(execution);
		PrintWriter out = this.spec.commandLine().getOut();
		out.printf("Run %d of %s is now %s; finish it with: dispatch jobs restart %d%n", this.id,
				recovered.getJobInstance().getJobName(), recovered.getStatus(), this.id);
		return CommandLineInterface.DONE;
	}

}
