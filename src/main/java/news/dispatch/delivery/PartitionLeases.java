package news.dispatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The leases by which a {@code dispatch worker} says it is alive and still sending the
 * partition it took ({@code dispatch.sending.remote}): a worker holds a lease on each
 * partition it runs and one on itself, renewed by its heartbeat. A partition whose lease
 * has lapsed belongs to a worker that died (SIGKILL, a lost host); the manager hands it
 * on ({@link LeasedPartitionHandler}). Kept with the leases of runs, in the shared
 * database.
 */
public interface PartitionLeases {

	/**
	 * Takes the lease of a partition (its step execution) for this process.
	 * @return false when another process holds it and renews it
	 */
	boolean take(long stepExecutionId);

	/**
	 * Gives the lease of a partition this process ran back.
	 */
	void release(long stepExecutionId);

	/**
	 * Forgets the lease of a partition, whoever held it: the manager does so when it
	 * hands the partition on.
	 */
	void forget(long stepExecutionId);

	/**
	 * Who holds the lease of a partition, if anyone does.
	 */
	Optional<Holder> holder(long stepExecutionId);

	/**
	 * Marks this process as a worker taking partitions, until {@link #workerStopped()}.
	 */
	void workerStarted();

	void workerStopped();

	/**
	 * How many worker processes renew their leases now.
	 */
	int workers();

	/**
	 * How long a lease lasts without renewal ({@code dispatch.schedule.lease}).
	 */
	Duration term();

	/**
	 * The process that holds a lease ({@code HOST:PID}) and when the lease runs out
	 * unless renewed.
	 */
	record Holder(String process, Instant expiresAt) {

		public boolean lapsed() {
			return this.expiresAt.isBefore(Instant.now());
		}

	}

}
