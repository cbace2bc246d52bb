package news.dispatch.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits what a send step has to send into partitions: for each edition with unsent
 * messages, its range of subscribers cut into {@code gridSize} ranges of equal width.
 * Each partition's context holds {@code kind}, {@code key}, {@code fromSubscriber},
 * {@code toSubscriber} and {@code connections}, how many it opens (chosen once for the
 * step, so with {@code auto} the relay is measured once: see {@link SendingConnections});
 * a message belongs to exactly one partition, so no two partitions can send the same
 * message.
 */
class SendPartitioner implements Partitioner {

	static final String KEY = "key";

	static final String KIND = "kind";

	static final String FROM = "fromSubscriber";

	static final String TO = "toSubscriber";

	static final String CONNECTIONS = "connections";

	private final Deliveries deliveries;

	private final Supplier<List<LedgerKey>> keys;

	private final SendingConnections connections;

	SendPartitioner(Deliveries deliveries, Supplier<List<LedgerKey>> keys, SendingConnections connections) {
		this.deliveries = deliveries;
		this.keys = keys;
		this.connections = connections;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		List<LedgerKey> keys = this.keys.get();
		int connections = this.connections.perSender(keys, true, managerContext());
		for (LedgerKey key : keys) {
			Optional<long[]> range = this.deliveries.unsentSubscriberRange(key);
			if (range.isEmpty()) {
				continue;
			}
			long low = range.get()[0];
			long high = range.get()[1];
			long width = Math.max(1, (high - low + gridSize) / gridSize);
			for (long from = low; from <= high; from += width) {
				long to = Math.min(high, from + width - 1);
				ExecutionContext context = new ExecutionContext();
				context.putString(KEY, key.key());
				context.putString(KIND, key.kind().column());
				context.putLong(FROM, from);
				context.putLong(TO, to);
				context.putInt(CONNECTIONS, connections);
				partitions.put(key + ":" + from + "-" + to, context);
			}
		}
		return partitions;
	}

	/**
	 * The execution context of the partitioned step, where the reason for the connections
	 * is kept for the run's report.
	 */
	private static ExecutionContext managerContext() {
		StepContext context = StepSynchronizationManager.getContext();
		return (context != null) ? context.getStepExecution().getExecutionContext() : new ExecutionContext();
	}

}
