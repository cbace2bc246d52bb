package news.dispatch.delivery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The manager's side of remote partitioning: puts one request per partition on the
 * channel in the database ({@link RemotePartitions}) and follows the partitions' step
 * executions in the job repository until they have all ended, handing on the partitions
 * whose worker died.
 * <p>
 * A worker holds a lease on the partition it runs ({@link PartitionLeases}). A partition
 * still going whose lease has lapsed (its worker was killed, or its host lost) is marked
 * FAILED, the messages its worker had in flight are counted in doubt (they go again with
 * the same Message-ID), and a new execution of the same partition is put on the channel
 * for another worker. When no worker is alive at all, the manager runs the waiting
 * partitions itself. So an edition finishes without an operator, whichever worker dies.
 */
class LeasedPartitionHandler implements PartitionHandler {

	private static final Logger logger = LoggerFactory.getLogger(LeasedPartitionHandler.class);

	private final JobRepository repository;

	private final RemotePartitions remote;

	private final PartitionLeases leases;

	private final Deliveries deliveries;

	private final String workerStep;

	private final int gridSize;

	private final Duration poll;

	private final Duration timeout;

	LeasedPartitionHandler(JobRepository repository, RemotePartitions remote, PartitionLeases leases,
			Deliveries deliveries, String workerStep, int gridSize, Duration poll, Duration timeout) {
		this.repository = repository;
		this.remote = remote;
		this.leases = leases;
		this.deliveries = deliveries;
		this.workerStep = workerStep;
		this.gridSize = gridSize;
		this.poll = poll;
		this.timeout = timeout;
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
		// partition step name → its latest execution
		Map<String, StepExecution> current = new LinkedHashMap<>();
		for (StepExecution partition : splitter.split(manager, this.gridSize)) {
			current.put(partition.getStepName(), partition);
		}
		Map<Long, String> requests = new HashMap<>();
		for (StepExecution partition : current.values()) {
			requests.put(partition.getId(), this.remote.request(this.workerStep, partition));
		}
		Map<Long, Long> unheldSince = new HashMap<>();
		long noWorkerSince = System.nanoTime();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Duration grace = this.leases.term();
		while (true) {
			boolean going = false;
			boolean waiting = false;
			for (Map.Entry<String, StepExecution> entry : current.entrySet()) {
				StepExecution partition = this.repository.getStepExecution(entry.getValue().getId());
				entry.setValue(partition);
				if (!partition.getStatus().isRunning()) {
					continue;
				}
				going = true;
				Optional<PartitionLeases.Holder> holder = this.leases.holder(partition.getId());
				String dead = null;
				if (holder.isPresent()) {
					unheldSince.remove(partition.getId());
					if (holder.get().lapsed()) {
						dead = "its worker " + holder.get().process() + " stopped renewing its lease at "
								+ holder.get().expiresAt();
					}
				}
				else if (partition.getStatus() == BatchStatus.STARTING
						&& this.remote.waiting(requests.get(partition.getId()))) {
					waiting = true;
					unheldSince.remove(partition.getId());
				}
				else {
					// taken off the channel but held by no one: a worker died between
					// the two, or the lease row was lost
					long since = unheldSince.computeIfAbsent(partition.getId(), (id) -> System.nanoTime());
					if (System.nanoTime() - since > grace.toNanos()) {
						dead = "no worker has held it for " + grace.toSeconds() + " s";
					}
				}
				if (dead != null) {
					StepExecution again = handOn(manager, partition, dead);
					if (again != null) {
						entry.setValue(again);
						requests.put(again.getId(), this.remote.request(this.workerStep, again));
					}
				}
			}
			if (!going) {
				return List.copyOf(current.values());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The workers did not finish the partitions of " + manager.getStepName()
						+ " within dispatch.sending.remote-timeout (" + this.timeout + "); start a dispatch worker"
						+ " and restart the run (dispatch jobs restart " + manager.getJobExecutionId() + ").");
			}
			if (this.leases.workers() > 0) {
				noWorkerSince = System.nanoTime();
			}
			else if (waiting && System.nanoTime() - noWorkerSince > grace.toNanos()) {
				logger.warn("No dispatch worker is alive: this process sends a waiting partition itself");
				this.remote.runOne(Duration.ZERO);
				continue;
			}
			Thread.sleep(this.poll.toMillis());
		}
	}

	/**
	 * Marks a partition whose worker died as FAILED, counts the messages it had in flight
	 * in doubt, and makes a new execution of it.
	 * @return the new execution, or null when the partition changed meanwhile (its worker
	 * was alive after all and wrote to it): looked at again at the next poll
	 */
	private StepExecution handOn(StepExecution manager, StepExecution partition, String why) {
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(ExitStatus.FAILED.addExitDescription("Handed to another worker: " + why));
		partition.setEndTime(LocalDateTime.now());
		try {
			this.repository.update(partition);
		}
		catch (OptimisticLockingFailureException ex) {
			return null;
		}
		ExecutionContext context = partition.getExecutionContext();
		LedgerKey key = LedgerKey.ofColumns(context.getString(SendPartitioner.KIND, "digest"),
				context.getString(SendPartitioner.KEY));
		long from = context.getLong(SendPartitioner.FROM);
		long to = context.getLong(SendPartitioner.TO);
		int inDoubt = this.deliveries.settleInDoubt(key, from, to);
		this.leases.forget(partition.getId());
		StepExecution again = this.repository.createStepExecution(partition.getStepName(), manager.getJobExecution());
		ExecutionContext fresh = new ExecutionContext();
		for (String name : List.of(SendPartitioner.KIND, SendPartitioner.KEY, SendPartitioner.FROM, SendPartitioner.TO,
				SendPartitioner.CONNECTIONS)) {
			if (context.containsKey(name)) {
				fresh.put(name, context.get(name));
			}
		}
		again.setExecutionContext(fresh);
		this.repository.updateExecutionContext(again);
		logger.warn(
				"Partition {} (subscribers {}-{} of {}) is handed on: {}; {} message(s) it had in flight are"
						+ " counted in doubt and go again with the same Message-ID",
				partition.getStepName(), from, to, key, why, inDoubt);
		return again;
	}

}
