package news.dispatch.run;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The one answer to "is this run still going?", for the command line and for the recovery
 * of dead runs alike. A run holds a lease ({@link RunLeases}) that its process renews
 * while it goes: on any host, a run whose lease ran out belongs to a process that died.
 * On the run's own host the answer comes sooner: a process that is gone (checked by pid
 * and start time) is dead at once, lease or not.
 */
@Component
public class RunLiveness {

	/**
	 * What can be told of a run that its record says is going.
	 */
	public enum Liveness {

		/** Its process is alive, or renews its lease. */
		ALIVE,
		/**
		 * Its process is gone, or stopped renewing its lease: it will never end by
		 * itself.
		 */
		GONE,
		/** Not yet known: the run is younger than a lease and holds none yet. */
		UNKNOWN

	}

	private final Leases leases;

	private final ScheduleSettings settings;

	RunLiveness(Leases leases, ScheduleSettings settings) {
		this.leases = leases;
		this.settings = settings;
	}

	/**
	 * Whether the process of a run recorded as going is alive.
	 */
	public Liveness of(JobExecution execution) {
		Optional<JobProcess.Liveness> local = JobProcess.of(execution.getExecutionContext())
			.map(JobProcess::liveness)
			.filter((liveness) -> liveness != JobProcess.Liveness.UNKNOWN);
		if (local.isPresent()) {
			return (local.get() == JobProcess.Liveness.ALIVE) ? Liveness.ALIVE : Liveness.GONE;
		}
		Instant now = Instant.now();
		Optional<Leases.Lease> lease = this.leases.find(RunLeases.runLease(execution.getId()));
		if (lease.isPresent()) {
			return lease.get().expired(now) ? Liveness.GONE : Liveness.ALIVE;
		}
		// a run holds its lease from its first moment: none, long after it was created,
		// is a run of a process that died before it got one (or of an older Dispatch)
		var created = execution.getCreateTime();
		if (created != null
				&& created.atZone(ZoneId.systemDefault()).toInstant().plus(this.settings.lease()).isBefore(now)) {
			return Liveness.GONE;
		}
		return Liveness.UNKNOWN;
	}

	/**
	 * Whether a run recorded as going will never end by itself.
	 */
	public boolean dead(JobExecution execution) {
		return execution.isRunning() && of(execution) == Liveness.GONE;
	}

}
