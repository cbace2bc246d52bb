package news.dispatch.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The messages a send step has read and its connections have not yet taken, shared by the
 * connections of one {@link SendStepWriter}. A connection takes a group whenever it is
 * ready for one, so no connection waits for the others at a chunk's end, and the step
 * reads the next chunk while the connections still send the last one.
 * <p>
 * It also counts the messages handed in whose outcome is not yet in the ledger, so the
 * step can wait for all of them before it ends; and it keeps the first failure of any
 * connection, after which no connection takes anything more.
 */
final class SendQueue {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final ArrayDeque<Delivery> queued = new ArrayDeque<>();

	private final int connections;

	private final int groupSize;

	private long unrecorded;

	private @Nullable Exception failure;

	private boolean closed;

	/**
	 * @param connections how many connections take from this queue
	 * @param groupSize the most messages one connection takes at a time
	 * ({@code dispatch.sending.in-flight})
	 */
	SendQueue(int connections, int groupSize) {
		this.connections = connections;
		this.groupSize = groupSize;
	}

	/**
	 * Hands these messages to the connections.
	 */
	void add(Collection<? extends Delivery> deliveries) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The send step's connections are closed");
			}
			this.queued.addAll(deliveries);
			this.unrecorded += deliveries.size();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until the connections have taken all but a group for each of them: enough
	 * that none runs dry while the step reads its next chunk.
	 * @throws Exception the failure of a connection
	 */
	void awaitRoom() throws Exception {
		this.lock.lock();
		try {
			while (this.failure == null && !this.closed && this.queued.size() > this.connections * this.groupSize) {
				this.changed.await();
			}
			throwFailure();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until every message handed in (and not left in the queue when it closed) has
	 * its outcome in the ledger, or this long has passed.
	 * @return whether every one has its outcome
	 * @throws Exception the failure of a connection
	 */
	boolean awaitAll(Duration timeout) throws Exception {
		long left = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.failure == null && this.unrecorded > 0 && left > 0) {
				left = this.changed.awaitNanos(left);
			}
			throwFailure();
			return this.unrecorded <= 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A connection's next group: waits for messages, then takes a fair share of those
	 * queued, at least one and at most a group. Empty once the queue is closed or a
	 * connection has failed: the connection is done.
	 */
	List<Delivery> take() throws InterruptedException {
		this.lock.lock();
		try {
			while (this.queued.isEmpty() && this.failure == null && !this.closed) {
				this.changed.await();
			}
			if (this.failure != null || this.closed) {
				return List.of();
			}
			int share = Math.max(1, Math.min(this.groupSize, this.queued.size() / this.connections));
			List<Delivery> group = new ArrayList<>(share);
			for (int i = 0; i < share; i++) {
				group.add(this.queued.poll());
			}
			this.changed.signalAll();
			return group;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The outcomes of this many messages are in the ledger.
	 */
	void recorded(int count) {
		this.lock.lock();
		try {
			this.unrecorded -= count;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * This many messages taken by a connection will not be sent by it (the queue closed
	 * while they were composed): they stay unsent, for the next run.
	 */
	void returned(int count) {
		recorded(count);
	}

	/**
	 * Whether connections should go on sending: the queue is not closed and no connection
	 * has failed.
	 */
	boolean open() {
		this.lock.lock();
		try {
			return !this.closed && this.failure == null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A connection cannot go on: the others take nothing more, and the step fails with
	 * the first such failure.
	 */
	void failed(Exception failure) {
		this.lock.lock();
		try {
			if (this.failure == null) {
				this.failure = failure;
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ends the step's sending: what no connection has taken stays unsent (PENDING in the
	 * ledger, for the next run), and each connection finishes the group it is sending
	 * (one it has composed meanwhile is returned, see {@link #returned}).
	 * @return how many messages were left unsent
	 */
	int close() {
		this.lock.lock();
		try {
			int left = this.queued.size();
			this.queued.clear();
			this.unrecorded -= left;
			this.closed = true;
			this.changed.signalAll();
			return left;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void throwFailure() throws Exception {
		if (this.failure != null) {
			throw this.failure;
		}
	}

}
