package news.dispatch.run;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Finds the runs that a process left going when it died, on any host, and finishes them:
 * a run whose lease ({@link RunLeases}) has run out is marked FAILED, and a run that
 * sends mail (a digest or an alert) is restarted here at once, so its edition or its
 * alert is sent by another instance: the messages already SENT are not sent again, the
 * ones in flight at the death are sent again and counted as in doubt. Of several
 * instances that notice, the one that takes over the run's lease does it.
 */
@Component
public class RunRecovery {

	private static final Logger logger = LoggerFactory.getLogger(RunRecovery.class);

	private final JobRepository repository;

	private final JobOperator operator;

	private final Leases leases;

	private final ScheduleSettings settings;

	private final JobDescriptors jobs;

	private final RunLiveness liveness;

	RunRecovery(JobRepository repository, JobOperator operator, Leases leases, ScheduleSettings settings,
			JobDescriptors jobs, RunLiveness liveness) {
		this.jobs = jobs;
		this.liveness = liveness;
		this.repository = repository;
		this.operator = operator;
		this.leases = leases;
		this.settings = settings;
	}

	/**
	 * Looks once for runs to recover, and recovers them.
	 * @return the runs recovered
	 */
	public List<Long> recoverDead() {
		List<Long> recovered = new ArrayList<>();
		for (String job : this.repository.getJobNames()) {
			for (JobExecution execution : this.repository.findRunningJobExecutions(job)) {
				if (this.liveness.dead(execution) && recover(execution)) {
					recovered.add(execution.getId());
				}
			}
		}
		return recovered;
	}

	private boolean recover(JobExecution execution) {
		String lease = RunLeases.runLease(execution.getId());
		String me = RunLeases.SELF + ":recovery";
		// the lease of a process known gone is taken over before it runs out; another
		// instance's recovery is not
		if (!this.leases.acquire(lease, me, this.settings.lease(), (owner) -> !owner.endsWith(":recovery"))) {
			return false;
		}
		try {
			JobExecution failed = this.operator.recover(this.repository.getJobExecution(execution.getId()));
			String job = failed.getJobInstance().getJobName();
			logger.warn("Run {} of {} was left going by a process that is gone; it is {} now", failed.getId(), job,
					failed.getStatus());
			if (this.jobs.restartedWhenDead(job)) {
				Thread restart = new Thread(() -> restart(failed), "restart-" + failed.getId());
				restart.setDaemon(false);
				restart.start();
			}
			return true;
		}
		finally {
			this.leases.release(lease, me);
		}
	}

	private void restart(JobExecution failed) {
		try {
			JobExecution again = this.operator.restart(failed);
			logger.warn("Run {} of {} restarted as run {}: {}", failed.getId(), failed.getJobInstance().getJobName(),
					again.getId(), again.getStatus());
		}
		catch (Exception ex) {
			logger.warn("Run {} could not be restarted here ({}); restart it with dispatch jobs restart {}",
					failed.getId(), ex.getMessage(), failed.getId());
		}
	}

}
