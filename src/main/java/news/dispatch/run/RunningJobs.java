package news.dispatch.run;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import news.dispatch.system.Failures;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The job runs of this process. Each run records which process runs it (host, pid and the
 * process's start time) in its execution context as it starts, so that another process
 * can tell a run that is still going from one whose process died. On shutdown, the runs
 * still going are asked to stop at their next chunk boundary.
 */
@Component
public class RunningJobs implements JobExecutionListener {

	static final String FAILURE = "dispatch.failure";

	private final ObjectProvider<JobRepository> repository;

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher events;

	RunningJobs(ObjectProvider<JobRepository> repository, ApplicationEventPublisher events) {
		this.repository = repository;
		this.events = events;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		JobProcess.current().writeTo(execution.getExecutionContext());
		this.repository.getObject().updateExecutionContext(execution);
		this.running.put(execution.getId(), execution);
		this.events.publishEvent(new RunStarted(execution));
	}

	/**
	 * Keeps the failure's one-sentence explanation with the run: the repository keeps
	 * only the start of a stack trace, which seldom reaches Dispatch's own message.
	 */
	@Override
	public void afterJob(JobExecution execution) {
		String failure = null;
		if (!execution.getAllFailureExceptions().isEmpty()) {
			failure = Failures.explain(execution.getAllFailureExceptions().get(0));
			execution.getExecutionContext().putString(FAILURE, failure);
			this.repository.getObject().updateExecutionContext(execution);
		}
		try {
			this.events.publishEvent(new RunFinished(execution, failure));
		}
		catch (RuntimeException ex) {
			// a listener's trouble never changes how the run ended
			org.slf4j.LoggerFactory.getLogger(RunningJobs.class)
				.warn("Could not tell of the end of run {}: {}", execution.getId(), ex.toString());
		}
		synchronized (this.running) {
			this.running.remove(execution.getId());
			this.running.notifyAll();
		}
	}

	public Set<Long> ids() {
		return Set.copyOf(this.running.keySet());
	}

	/**
	 * Asks every run of this process to stop at its next chunk boundary.
	 */
	public void stopAll() {
		for (JobExecution execution : this.running.values()) {
			try {
				JobRepository repository = this.repository.getObject();
				StopRequests.request(repository, repository.getJobExecution(execution.getId()));
			}
			catch (JobExecutionNotRunningException ex) {
				// it ended meanwhile
			}
		}
	}

	/**
	 * Waits until no run of this process is going, at most the given time.
	 * @return whether they all ended
	 */
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.running) {
			while (!this.running.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.running, left);
			}
		}
		return true;
	}

}
