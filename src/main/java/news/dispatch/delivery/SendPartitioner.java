package news.dispatch.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits what a send step has to send into partitions: for each edition with unsent
 * messages, its range of subscribers cut into {@code gridSize} ranges of equal width.
 * Each partition's context holds {@code kind}, {@code key}, {@code fromSubscriber} and
 * {@code toSubscriber}; a message belongs to exactly one partition, so no two partitions
 * can send the same message.
 */
class SendPartitioner implements Partitioner {

	static final String KEY = "key";

	static final String KIND = "kind";

	static final String FROM = "fromSubscriber";

	static final String TO = "toSubscriber";

	private final Deliveries deliveries;

	private final Supplier<List<LedgerKey>> keys;

	SendPartitioner(Deliveries deliveries, Supplier<List<LedgerKey>> keys) {
		this.deliveries = deliveries;
		this.keys = keys;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (LedgerKey key : this.keys.get()) {
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
				partitions.put(key + ":" + from + "-" + to, context);
			}
		}
		return partitions;
	}

}
