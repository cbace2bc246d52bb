package news.dispatch.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The writer of a send step: spreads each chunk over its connections (decided when it
 * opens, see {@link SendingConnections}), one worker, one SMTP connection and one thread
 * each, and returns once every message of the chunk has an outcome in the ledger. A stop
 * request therefore ends the step after the chunk in hand, with the ledger right.
 * <p>
 * On opening, messages of the edition left in flight by a process that died are counted
 * as in doubt (see {@link Deliveries#settleInDoubt}); the step's execution context keeps
 * that count as {@code inDoubt}.
 */
class SendStepWriter implements ItemStreamWriter<Delivery> {

	private static final Logger logger = LoggerFactory.getLogger(SendStepWriter.class);

	private final LedgerKey key;

	private final ConnectionWorker.Parts parts;

	private final List<ConnectionWorker> workers = new ArrayList<>();

	private final ToIntFunction<ExecutionContext> connections;

	private final boolean settle;

	private @Nullable ExecutorService threads;

	/**
	 * A writer that settles the messages left in flight on opening ({@code settle}), or
	 * one of several partitions of a step that settled them before the partitions
	 * started: a partition opening later must not take a sibling's message in flight for
	 * one of a dead run.
	 * @param connections how many connections to open, given the step's execution context
	 * when the writer opens
	 */
	SendStepWriter(LedgerKey key, ConnectionWorker.Parts parts, ToIntFunction<ExecutionContext> connections,
			boolean settle) {
		this.key = key;
		this.parts = parts;
		this.connections = connections;
		this.settle = settle;
	}

	@Override
	public void open(ExecutionContext context) {
		if (this.settle) {
			int inDoubt = this.parts.deliveries().settleInDoubt(this.key);
			if (inDoubt > 0) {
				logger.warn(
						"{} message(s) of {} {} were in flight when a run died; they are sent again with the"
								+ " same Message-ID and may arrive twice",
						inDoubt, this.key.kind().column(), this.key.key());
			}
			context.putInt("inDoubt", context.getInt("inDoubt", 0) + inDoubt);
		}
		int connections = this.connections.applyAsInt(context);
		AtomicInteger number = new AtomicInteger();
		this.threads = Executors.newFixedThreadPool(connections, (task) -> {
			Thread thread = new Thread(task, "worker-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		for (int i = 0; i < connections; i++) {
			this.workers.add(new ConnectionWorker(this.parts, "worker-" + (i + 1)));
		}
	}

	@Override
	public void write(Chunk<? extends Delivery> chunk) throws Exception {
		// between chunks nothing is in flight: the place to give way to alerts
		this.parts.lane().yieldTo(this.key.kind());
		List<List<Delivery>> shares = new ArrayList<>();
		for (int i = 0; i < this.workers.size(); i++) {
			shares.add(new ArrayList<>());
		}
		int next = 0;
		for (Delivery delivery : chunk) {
			shares.get(next++ % shares.size()).add(delivery);
		}
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < this.workers.size(); i++) {
			ConnectionWorker worker = this.workers.get(i);
			List<Delivery> share = shares.get(i);
			if (!share.isEmpty()) {
				try {
					running.add(threads().submit(() -> {
						worker.deliver(share);
						return null;
					}));
				}
				catch (RejectedExecutionException ex) {
					// the pool is closing (a stop request raced this chunk): deliver the
					// share
					// here, so every message of the chunk still ends with its outcome
					worker.deliver(share);
				}
			}
		}
		Exception failure = null;
		boolean interrupted = false;
		for (Future<?> task : running) {
			// wait for every worker even if this thread is interrupted: each message in
			// hand must end with its outcome in the ledger
			while (true) {
				try {
					task.get();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (failure == null) {
						failure = (ex.getCause() instanceof Exception cause) ? cause : ex;
					}
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		this.parts.server().flushOutbox();
		if (failure != null) {
			throw failure;
		}
	}

	@Override
	public void close() {
		if (this.threads != null) {
			// never interrupt a worker: an interrupt in the middle of a database write
			// closes H2's file; let the message in hand finish instead
			this.threads.shutdown();
			try {
				this.threads.awaitTermination(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.threads = null;
		}
		this.workers.forEach(ConnectionWorker::close);
		this.workers.clear();
		this.parts.server().flushOutbox();
	}

	private ExecutorService threads() {
		if (this.threads == null) {
			throw new IllegalStateException("The send step writer was not opened");
		}
		return this.threads;
	}

}
