package news.dispatch.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets priority messages (those whose {@link Composer#priority()} is true: alerts) go
 * first. Before each message, each connection of a send step of another kind asks whether
 * priority messages are waiting in the ledger (PENDING, planned within the window) and,
 * while they are, pauses, leaving the SMTP server and its rate to them. The ledger is
 * shared, so this works when the alert runs in another process (a CLI alert beside
 * {@code serve} or a digest run). The answer is kept for {@code check-interval}, so the
 * question costs one indexed query a second at most, however fast the messages go.
 */
class PriorityLane {

	private static final Logger logger = LoggerFactory.getLogger(PriorityLane.class);

	private final Deliveries deliveries;

	private final Set<LedgerKey.Kind> priorityKinds;

	private final PrioritySettings settings;

	private boolean checked;

	private long checkedAt;

	private boolean waiting;

	PriorityLane(Deliveries deliveries, Set<LedgerKey.Kind> priorityKinds, PrioritySettings settings) {
		this.deliveries = deliveries;
		this.priorityKinds = priorityKinds;
		this.settings = settings;
	}

	/**
	 * Whether a sender of this kind should pause now: it is not a priority kind, and
	 * priority messages wait (as last seen, at most {@code check-interval} ago).
	 */
	boolean mustYield(LedgerKey.Kind kind) {
		return !this.priorityKinds.isEmpty() && !this.priorityKinds.contains(kind) && waiting(false);
	}

	/**
	 * Returns at once for a priority kind, or when no priority message waits; else waits
	 * until they are sent, or {@code max-pause} has passed.
	 * @return how long it waited, in milliseconds
	 */
	long yieldTo(LedgerKey.Kind kind) throws InterruptedException {
		if (!mustYield(kind)) {
			return 0;
		}
		long start = System.nanoTime();
		long limit = start + this.settings.maxPause().toNanos();
		logger.info("Sending of {} pauses: alerts are waiting to be sent", kind);
		while (System.nanoTime() < limit) {
			Thread.sleep(Math.max(10, this.settings.checkInterval().toMillis()));
			if (!waiting(true)) {
				break;
			}
		}
		long waited = (System.nanoTime() - start) / 1_000_000;
		logger.info("Sending of {} goes on after a pause of {} ms for alerts", kind, waited);
		return waited;
	}

	private synchronized boolean waiting(boolean fresh) {
		long now = System.nanoTime();
		if (fresh || !this.checked || now - this.checkedAt >= this.settings.checkInterval().toNanos()) {
			this.waiting = this.deliveries.waiting(List.copyOf(this.priorityKinds),
					Instant.now().minus(this.settings.window()));
			this.checkedAt = now;
			this.checked = true;
		}
		return this.waiting;
	}

}
