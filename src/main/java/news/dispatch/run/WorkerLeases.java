package news.dispatch.run;

import java.time.Duration;
import java.util.Optional;

import news.dispatch.delivery.PartitionLeases;

import org.springframework.stereotype.Component;

/**
 * The leases of {@code dispatch worker} processes and of the partitions they run, kept
 * with the leases of runs ({@link Leases}) and renewed by the same heartbeat
 * ({@link RunLeases}), for {@code dispatch.schedule.lease} at a time.
 */
@Component
class WorkerLeases implements PartitionLeases {

	private static final String PARTITION = "partition:";

	private static final String WORKER = "worker:";

	private final Leases leases;

	private final RunLeases runLeases;

	private final ScheduleSettings settings;

	WorkerLeases(Leases leases, RunLeases runLeases, ScheduleSettings settings) {
		this.leases = leases;
		this.runLeases = runLeases;
		this.settings = settings;
	}

	@Override
	public boolean take(long stepExecutionId) {
		String name = PARTITION + stepExecutionId;
		if (!this.leases.acquire(name, RunLeases.SELF, this.settings.lease())) {
			return false;
		}
		this.runLeases.keep(name);
		return true;
	}

	@Override
	public void release(long stepExecutionId) {
		this.runLeases.drop(PARTITION + stepExecutionId);
	}

	@Override
	public void forget(long stepExecutionId) {
		this.leases.forget(PARTITION + stepExecutionId);
	}

	@Override
	public Optional<Holder> holder(long stepExecutionId) {
		return this.leases.find(PARTITION + stepExecutionId)
			.map((lease) -> new Holder(RunLeases.process(lease.owner()), lease.expiresAt()));
	}

	@Override
	public void workerStarted() {
		String name = WORKER + RunLeases.SELF;
		this.leases.acquire(name, RunLeases.SELF, this.settings.lease());
		this.runLeases.keep(name);
	}

	@Override
	public void workerStopped() {
		this.runLeases.drop(WORKER + RunLeases.SELF);
	}

	@Override
	public Duration term() {
		return this.settings.lease();
	}

	@Override
	public int workers() {
		return this.leases.live(WORKER);
	}

}
