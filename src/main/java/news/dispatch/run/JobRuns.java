package news.dispatch.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
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

import news.dispatch.system.ExitCodes;
import news.dispatch.system.Failures;
import news.dispatch.system.InvalidInputException;

/**
 * Starts jobs for the commands and tells the operator how they ended.
 */
@Component
public class JobRuns {

	private final JobOperator operator;

	private final JobRepository repository;

	private final ProgressReporter progress;

	private final RunLiveness liveness;

	JobRuns(JobOperator operator, JobRepository repository, ProgressReporter progress, RunLiveness liveness) {
		this.liveness = liveness;
		this.operator = operator;
		this.repository = repository;
		this.progress = progress;
	}

	/**
	 * Runs the job to its end in this thread. A failed or stopped instance with the same
	 * parameters is restarted; one that completed is returned as it is, not run again.
	 */
	public Run run(Job job, JobParameters parameters, boolean quiet) {
		try {
			return new Run(this.progress.during(quiet, () -> this.operator.start(job, parameters)), true);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return new Run(lastExecution(job.getName(), parameters).orElseThrow(), false);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			JobExecution running = lastExecution(job.getName(), parameters).orElseThrow();
			long id = running.getId();
			if (this.liveness.dead(running)) {
				throw new InvalidInputException("This " + job.getName() + " run (" + id
						+ ") was left STARTED by a process that is gone; run dispatch jobs recover " + id
						+ ", then dispatch jobs restart " + id + ".");
			}
			throw new InvalidInputException("This " + job.getName() + " run is already going as run " + id
					+ "; wait for it to end (dispatch jobs show " + id + ") or stop it (dispatch jobs stop " + id
					+ ").");
		}
		catch (JobRestartException ex) {
			throw new InvalidInputException("The " + job.getName() + " run cannot be restarted: " + ex.getMessage());
		}
		catch (InvalidJobParametersException ex) {
			throw new InvalidInputException("The " + job.getName() + " job refused its parameters: " + ex.getMessage());
		}
		catch (JobExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Restarts a failed or stopped run in this thread, to its end.
	 */
	public JobExecution restart(JobExecution execution, boolean quiet) throws JobRestartException {
		return this.progress.during(quiet, () -> this.operator.restart(execution));
	}

	/**
	 * Refuses to go on while a run of this job and parameters is still running.
	 * @throws InvalidInputException naming the run and what to do
	 */
	public void requireEnded(Job job, JobParameters parameters) {
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
	public record Run(JobExecution execution, boolean started) {

		public boolean completed() {
			return this.execution.getStatus() == BatchStatus.COMPLETED;
		}

		public StepExecution step(String name) {
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
	public static int reportUnfinished(PrintWriter err, JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		String cause = failures.isEmpty() ? execution.getExitStatus().getExitDescription()
				: Failures.explain(failures.get(0));
		if (execution.getStatus() == BatchStatus.STOPPED || execution.getStatus() == BatchStatus.STOPPING) {
			err.println("The " + execution.getJobInstance().getJobName() + " run " + execution.getId()
					+ " stopped; to go on from where it stopped, run: dispatch jobs restart " + execution.getId());
			return ExitCodes.FAILED;
		}
		err.println("The " + execution.getJobInstance().getJobName() + " run " + execution.getId() + " ended "
				+ execution.getStatus() + ((cause == null || cause.isBlank()) ? "" : ": " + firstLine(cause)));
		err.println("Fix the cause, then run: dispatch jobs restart " + execution.getId());
		return ExitCodes.FAILED;
	}

	/**
	 * Why a run failed, in one sentence, or null when it did not fail. A run read back
	 * from the repository has no exceptions, only the exit descriptions its steps
	 * recorded (a stack trace as text): the sentence is the message of Dispatch's own
	 * exception in it, else its first line.
	 */
	public static String failure(JobExecution execution) {
		if (!execution.getAllFailureExceptions().isEmpty()) {
			return Failures.explain(execution.getAllFailureExceptions().get(0));
		}
		if (execution.getExecutionContext().containsKey(RunningJobs.FAILURE)) {
			return execution.getExecutionContext().getString(RunningJobs.FAILURE);
		}
		List<String> descriptions = new ArrayList<>();
		execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED)
			.forEach((step) -> descriptions.add(step.getExitStatus().getExitDescription()));
		descriptions.add(execution.getExitStatus().getExitDescription());
		for (String description : descriptions) {
			if (description == null || description.isBlank()) {
				continue;
			}
			Matcher ours = OUR_EXCEPTION.matcher(description);
			return ours.find() ? ours.group(1).strip() : firstLine(description);
		}
		return null;
	}

	private static final Pattern OUR_EXCEPTION = Pattern.compile("news\\.dispatch\\.[\\w.]+Exception: ([^\\n]+)");

	public static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end < 0) ? text.strip() : text.substring(0, end).strip();
	}

}
