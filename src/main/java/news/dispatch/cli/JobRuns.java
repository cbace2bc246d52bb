package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import news.dispatch.system.InvalidInputException;

/**
 * Starts jobs for the commands and tells the operator how they ended.
 */
@Component
class JobRuns {

	private final JobOperator operator;

	private final JobRepository repository;

	JobRuns(JobOperator operator, JobRepository repository) {
		this.operator = operator;
		this.repository = repository;
	}

	/**
	 * Runs the job to its end in this thread. A failed or stopped instance with the same
	 * parameters is restarted; one that completed is returned as it is, not run again.
	 */
	Run run(Job job, JobParameters parameters) {
		try {
			return new Run(this.operator.start(job, parameters), true);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return new Run(lastExecution(job.getName(), parameters).orElseThrow(), false);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			long id = lastExecution(job.getName(), parameters).map(JobExecution::getId).orElse(-1L);
			throw new InvalidInputException("This " + job.getName() + " run is already running as execution " + id
					+ "; wait for it to end (dispatch jobs show " + id
					+ "), or, if its process died, run dispatch jobs recover " + id + " and start it again.");
		}
		catch (JobRestartException ex) {
			throw new InvalidInputException("The " + job.getName() + " run cannot be restarted: " + ex.getMessage());
		}
		catch (InvalidJobParametersException ex) {
			throw new InvalidInputException("The " + job.getName() + " job refused its parameters: " + ex.getMessage());
		}
	}

	/**
	 * Refuses to go on while a run of this job and parameters is still running.
	 * @throws InvalidInputException naming the run and what to do
	 */
	void requireEnded(Job job, JobParameters parameters) {
		Optional<JobExecution> last = lastExecution(job.getName(), parameters);
		if (last.isPresent() && last.get().isRunning()) {
			long id = last.get().getId();
			throw new InvalidInputException("The " + job.getName() + " run " + id + " is still running; wait for it"
					+ " to end (dispatch jobs show " + id + "), or, if its process died, run dispatch jobs recover "
					+ id + " first.");
		}
	}

	private Optional<JobExecution> lastExecution(String jobName, JobParameters parameters) {
		JobInstance instance = this.repository.getJobInstance(jobName, parameters);
		if (instance == null) {
			return Optional.empty();
		}
		return this.repository.getJobExecutions(instance).stream().max(Comparator.comparing(JobExecution::getId));
	}

	/**
	 * A job execution and whether this command started it.
	 */
	record Run(JobExecution execution, boolean started) {

		boolean completed() {
			return this.execution.getStatus() == BatchStatus.COMPLETED;
		}

		StepExecution step(String name) {
			return this.execution.getStepExecutions()
				.stream()
				.filter((step) -> step.getStepName().equals(name))
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * Prints how a run that did not complete ended, and what to do; returns the exit
	 * code.
	 */
	static int reportUnfinished(PrintWriter err, JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		String cause = failures.isEmpty() ? execution.getExitStatus().getExitDescription() : explain(failures.get(0));
		err.println("The " + execution.getJobInstance().getJobName() + " run " + execution.getId() + " ended "
				+ execution.getStatus() + ((cause == null || cause.isBlank()) ? "" : ": " + firstLine(cause)));
		err.println("Fix the cause, then run: dispatch jobs restart " + execution.getId());
		return CommandLineInterface.FAILED;
	}

	/**
	 * The sentence that says what went wrong: Dispatch's own exceptions say it for the
	 * operator; for anything else, the root cause's message.
	 */
	static String explain(Throwable failure) {
		for (Throwable ex = failure; ex != null; ex = (ex.getCause() != ex) ? ex.getCause() : null) {
			if (ex.getClass().getName().startsWith("news.dispatch.") && ex.getMessage() != null) {
				return ex.getMessage();
			}
		}
		return CommandLineInterface.rootMessage(failure);
	}

	static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end < 0) ? text.strip() : text.substring(0, end).strip();
	}

}
