package news.dispatch.run;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Asking a run to stop, from its own process (SIGTERM) or another ({@code jobs stop}):
 * the run is marked STOPPING in the job repository, and its step sees that when it
 * records its next chunk and stops there.
 * <p>
 * Not {@code JobOperator.stop}: in Spring Batch 6.0 that also writes the running step's
 * execution from the stopping thread, while the step goes on writing its own copy, and
 * whichever writes second fails on the row's version ("Attempt to update step execution
 * ... with wrong version"), which left runs UNKNOWN instead of STOPPED.
 */
public final class StopRequests {

	private StopRequests() {
	}

	public static void request(JobRepository repository, JobExecution execution)
			throws JobExecutionNotRunningException {
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.STARTED && status != BatchStatus.STARTING) {
			throw new JobExecutionNotRunningException("Run " + execution.getId() + " is " + status);
		}
		execution.setStatus(BatchStatus.STOPPING);
		repository.update(execution);
	}

}
