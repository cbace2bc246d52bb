package news.dispatch.subscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes unsubscribes, those that arrive together in one transaction: after a big edition
 * mailbox providers post one-click requests by the hundred a second, and one commit for
 * each kept them queued at the database's commit (H2 writes its file at every commit).
 * <p>
 * A request queues its subscriber and waits; one writer thread takes what has queued up
 * (at most {@link UnsubscribeSettings#batchSize()}), unsubscribes each in one transaction
 * and answers them only once it has committed. If that transaction fails, each request of
 * it is written again in a transaction of its own, and a request whose own write fails
 * gets that failure: none is answered as done before its commit, none is lost without its
 * request being told. With a batch size of 1, or once the application is stopping, each
 * request is written in its own thread and transaction.
 */
@Component
class UnsubscribeBatches implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(UnsubscribeBatches.class);

	private static final Request STOP = new Request(0, null);

	private final Subscribers subscribers;

	private final ReaderChanges changes;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final int batchSize;

	private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();

	private @Nullable Thread writer;

	private boolean stopped;

	UnsubscribeBatches(Subscribers subscribers, ReaderChanges changes, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, UnsubscribeSettings settings) {
		this.subscribers = subscribers;
		this.changes = changes;
		this.events = events;
		this.transactions = new TransactionTemplate(transactions);
		this.batchSize = settings.batchSize();
	}

	/**
	 * Unsubscribes the subscriber and keeps their reason for leaving, if this call is the
	 * one that unsubscribes them; returns once that is committed.
	 */
	Written unsubscribe(long subscriberId, @Nullable String reason) {
		Request request = new Request(subscriberId, reason);
		if (!queued(request)) {
			return this.transactions.execute((status) -> write(subscriberId, reason));
		}
		try {
			return request.result.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure : ex;
		}
	}

	private synchronized boolean queued(Request request) {
		if (this.batchSize <= 1 || this.stopped) {
			return false;
		}
		if (this.writer == null) {
			Thread thread = new Thread(this::writeBatches, "unsubscribes");
			thread.setDaemon(true);
			thread.start();
			this.writer = thread;
		}
		this.queue.add(request);
		return true;
	}

	private void writeBatches() {
		try {
			List<Request> batch = new ArrayList<>(this.batchSize);
			boolean stopping = false;
			while (!stopping) {
				batch.add(this.queue.take());
				this.queue.drainTo(batch, this.batchSize - 1);
				stopping = batch.removeIf((request) -> request == STOP);
				try {
					writeTogether(batch);
				}
				catch (Throwable ex) {
					// an Error, say: the waiting requests must hear of it rather than
					// wait for ever
					batch.forEach((request) -> request.result.completeExceptionally(ex));
				}
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			// not expected; the interrupt is not passed on, since a database file's
			// channel closes on an interrupted thread, and the requests left are
			// written below
		}
		finally {
			synchronized (this) {
				this.stopped = true;
			}
			List<Request> left = new ArrayList<>();
			this.queue.drainTo(left);
			left.stream().filter((request) -> request != STOP).forEach(this::writeAlone);
		}
	}

	private void writeTogether(List<Request> batch) {
		if (batch.isEmpty()) {
			return;
		}
		List<Written> written;
		try {
			written = this.transactions.execute(
					(status) -> batch.stream().map((request) -> write(request.subscriberId, request.reason)).toList());
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1) {
				log.warn("{} unsubscribes written together failed; writing each alone: {}", batch.size(),
						ex.toString());
			}
			batch.forEach(this::writeAlone);
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).result.complete(written.get(i));
		}
	}

	private void writeAlone(Request request) {
		try {
			request.result.complete(this.transactions.execute((status) -> write(request.subscriberId, request.reason)));
		}
		catch (RuntimeException ex) {
			request.result.completeExceptionally(ex);
		}
	}

	private Written write(long subscriberId, @Nullable String reason) {
		if (!this.subscribers.unsubscribe(subscriberId)) {
			return new Written(false, false);
		}
		String why = (reason != null) ? reason.replaceAll("\\s+", " ").strip() : "";
		boolean cut = why.length() > Unsubscribing.MAX_REASON;
		if (!why.isEmpty()) {
			this.changes.record(subscriberId, ReaderChanges.LEFT,
					cut ? why.substring(0, Unsubscribing.MAX_REASON) : why);
		}
		this.events.publishEvent(new SubscriberUnsubscribed(subscriberId));
		return new Written(true, cut);
	}

	/**
	 * Lets the writer finish what is queued, then writes each request in its own thread.
	 */
	@Override
	public void destroy() throws InterruptedException {
		Thread running;
		synchronized (this) {
			this.stopped = true;
			running = this.writer;
			if (running != null) {
				this.queue.add(STOP);
			}
		}
		if (running != null) {
			running.join(TimeUnit.SECONDS.toMillis(30));
		}
	}

	/**
	 * What writing one unsubscribe did.
	 *
	 * @param now whether this request unsubscribed the reader (false: they already were,
	 * or are gone)
	 * @param reasonCut whether the reason kept was cut to
	 * {@link Unsubscribing#MAX_REASON} characters
	 */
	record Written(boolean now, boolean reasonCut) {
	}

	private record Request(long subscriberId, @Nullable String reason, CompletableFuture<Written> result) {

		Request(long subscriberId, @Nullable String reason) {
			this(subscriberId, reason, new CompletableFuture<>());
		}

	}

}
