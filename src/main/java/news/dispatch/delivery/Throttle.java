package news.dispatch.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spaces messages out so that no more than {@code rate} a second go out over all
 * connections, and no more than {@code domainRate} a second to one recipient domain. A
 * rate of 0 means no limit. Each message takes the next free slot (a moment to send) of
 * every limit it falls under and waits until the latest of them.
 * <p>
 * Where the slots come from decides how far a limit reaches: {@link RateBuckets} keeps
 * them in the shared database, so a limit holds for every partition, worker and instance
 * together (a relay's account limit is global); this process takes them a few at a time
 * to keep round trips to the database down. Without slots of its own a throttle keeps
 * them in memory, for this throttle only.
 */
class Throttle {

	/**
	 * Where slots are taken: {@code count} consecutive slots {@code interval} apart, the
	 * first no earlier than {@code now} (microseconds since the epoch).
	 */
	interface Slots {

		/**
		 * @return the first slot taken
		 */
		long take(String bucket, long interval, int count, long now);

		/**
		 * How many slots to take at once at this rate.
		 */
		int batch(double perSecond);

	}

	private static final String ALL = "";

	private final long interval;

	private final long domainInterval;

	private final int batch;

	private final int domainBatch;

	private final Slots slots;

	/** slots taken and not yet used, by bucket */
	private final Map<String, Deque<Long>> taken = new HashMap<>();

	Throttle(double rate, double domainRate) {
		this(rate, domainRate, new InMemory());
	}

	Throttle(double rate, double domainRate, Slots slots) {
		this.interval = microsBetween(rate);
		this.domainInterval = microsBetween(domainRate);
		this.slots = slots;
		this.batch = slots.batch(rate);
		this.domainBatch = slots.batch(domainRate);
	}

	/**
	 * Waits until a message to this domain may go.
	 */
	void acquire(String domain) throws InterruptedException {
		long wait = reserve(domain);
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/**
	 * Reserves the next slot for a message to this domain.
	 * @return how many nanoseconds to wait before sending it; 0 to send now
	 */
	long reserve(String domain) {
		if (this.interval == 0 && this.domainInterval == 0) {
			return 0;
		}
		long now = now();
		long at = now;
		if (this.interval > 0) {
			at = Math.max(at, next(ALL, this.interval, this.batch, now));
		}
		if (this.domainInterval > 0) {
			at = Math.max(at, next("domain:" + domain, this.domainInterval, this.domainBatch, now));
		}
		return TimeUnit.MICROSECONDS.toNanos(at - now);
	}

	/**
	 * The next slot of a bucket: one taken before, unless it has passed (a slot used late
	 * would let the sends of several processes bunch up), or else the first of a new
	 * batch.
	 */
	private long next(String bucket, long interval, int batch, long now) {
		Deque<Long> slots;
		synchronized (this.taken) {
			if (this.taken.size() > 10_000) {
				this.taken.values().removeIf(Deque::isEmpty);
			}
			slots = this.taken.computeIfAbsent(bucket, (name) -> new ArrayDeque<>());
		}
		synchronized (slots) {
			while (!slots.isEmpty() && slots.peekFirst() < now - interval) {
				slots.pollFirst();
			}
			if (slots.isEmpty()) {
				long first = this.slots.take(bucket, interval, batch, now);
				for (int i = 0; i < batch; i++) {
					slots.addLast(first + i * interval);
				}
			}
			return slots.pollFirst();
		}
	}

	static String domain(String address) {
		int at = address.lastIndexOf('@');
		return (at < 0) ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	static long now() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
	}

	private static long microsBetween(double perSecond) {
		return (perSecond > 0) ? Math.max(1, (long) (1_000_000L / perSecond)) : 0;
	}

	/**
	 * Slots kept in this throttle's memory, one at a time.
	 */
	static final class InMemory implements Slots {

		private final Map<String, Long> next = new HashMap<>();

		@Override
		public synchronized long take(String bucket, long interval, int count, long now) {
			long at = Math.max(now, this.next.getOrDefault(bucket, now));
			this.next.put(bucket, at + count * interval);
			return at;
		}

		@Override
		public int batch(double perSecond) {
			return 1;
		}

	}

}
