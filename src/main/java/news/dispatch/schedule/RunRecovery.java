package news.dispatch.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import news.dispatch.alert.AlertJob;
import news.dispatch.digest.DigestJob;
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
class RunRecovery {

	private static final Logger logger = LoggerFactory.getLogger(RunRecovery.class);

	/**
	 * The jobs whose dead runs are restarted: those that send, which nobody should have
	 * to notice were cut short.
	 */
	static final Set<String> RESTARTED = Stream.concat(DigestJob.SENDING_JOBS.stream(), Stream.of(AlertJob.NAME))
		.collect(Collectors.toUnmodifiableSet());

	private final JobRepository repository;

	private final JobOperator operator;

	private final Leases leases;

	private final ScheduleSettings settings;

	RunRecovery(JobRepository repository, JobOperator operator, Leases leases, ScheduleSettings settings) {
		this.repository = repository;
		this.operator = operator;
		this.leases = leases;
		this.settings = settings;
	}

	/**
	 * Looks once for runs to recover, and recovers them.
	 * @return the runs recovered
	 */
	List<Long> recoverDead() {
		Instant now = Instant.now();
		List<Long> recovered = new java.util.ArrayList<>();
		for (String job : this.repository.getJobNames()) {
			for (JobExecution execution : this.repository.findRunningJobExecutions(job)) {
				if (dead(execution, now) && recover(execution)) {
					recovered.add(execution.getId());
				}
			}
		}
		return recovered;
	}

	private boolean dead(JobExecution execution, Instant now) {
		Optional<Leases.Lease> lease = this.leases.find(RunLeases.runLease(execution.getId()));
		if (lease.isPresent()) {
			return lease.get().expired(now);
		}
		// a run holds its lease from its first moment: none, long after it was created,
		// is a run of a process that died before it got one (or of an older Dispatch)
		var created = execution.getCreateTime();
		return created != null
				&& created.atZone(ZoneId.systemDefault()).toInstant().plus(this.settings.lease()).isBefore(now);
	}

	private boolean recover(JobExecution execution) {
		String lease = RunLeases.runLease(execution.getId());
		String me = RunLeases.SELF + ":recovery";
		if (!this.leases.acquire(lease, me, this.settings.lease())) {
			return false;
		}
		try {
			JobExecution failed = this.operator.recover(this.repository.getJobExecution(execution.getId()));
			String job = failed.getJobInstance().getJobName();
			logger.warn("Run {} of {} was left going by a process that stopped renewing its lease; it is {} now",
					failed.getId(), job, failed.getStatus());
			if (RESTARTED.contains(job)) {
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
