package news.dispatch.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The writer of a send step: hands each chunk to its connections (how many is decided
 * when it opens, see {@link SendingConnections}), one worker, one SMTP connection and one
 * thread each, which take groups of messages from a shared {@link SendQueue} as they are
 * ready for them. A chunk is written once the connections have taken all but a group each
 * of what was queued, so the step reads the next chunk while they still send, and no
 * connection waits at a chunk's end for the slowest one; every message is recorded in the
 * ledger by its connection the moment the server answers (see {@link ConnectionWorker}).
 * <p>
 * The step ends only when every message handed to the connections has its outcome in the
 * ledger: when the step's reader has no more (see {@link #endOfInput}), the writer waits
 * for them, and fails the step with the first connection's failure. A stop request ends
 * the step after the groups in hand: what the connections have not taken stays unsent
 * (PENDING) for the next run, so the step's write count can be larger than what was sent;
 * the ledger is what counts.
 * <p>
 * On opening, messages of the edition left in flight by a process that died are counted
 * as in doubt (see {@link Deliveries#settleInDoubt}); the step's execution context keeps
 * that count as {@code inDoubt}.
 */
class SendStepWriter implements ItemStreamWriter<Delivery> {

	private static final Logger logger = LoggerFactory.getLogger(SendStepWriter.class);

	/**
	 * Where the writer of a step keeps itself in the step's context, for the step's
	 * reader to find.
	 */
	private static final String ATTRIBUTE = SendStepWriter.class.getName();

	private static final Duration STOP_CHECK = Duration.ofMillis(250);

	private final LedgerKey key;

	private final ConnectionWorker.Parts parts;

	private final List<ConnectionWorker> workers = new ArrayList<>();

	private final ToIntFunction<ExecutionContext> connections;

	private final boolean settle;

	private @Nullable ExecutorService threads;

	private @Nullable SendQueue queue;

	/**
	 * Set once the step's reader has no more: each write then waits for every outcome.
	 */
	private @Nullable BooleanSupplier stopRequested;

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
		SendQueue queue = new SendQueue(connections, this.parts.settings().inFlight());
		this.queue = queue;
		AtomicInteger number = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(connections, (task) -> {
			Thread thread = new Thread(task, "worker-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.threads = threads;
		for (int i = 0; i < connections; i++) {
			ConnectionWorker worker = new ConnectionWorker(this.parts, "worker-" + (i + 1), queue, this.key.kind());
			this.workers.add(worker);
			threads.execute(() -> {
				try {
					worker.deliver();
				}
				catch (Exception ex) {
					queue.failed(ex);
				}
				catch (Error ex) {
					queue.failed(new IllegalStateException(ex.getMessage(), ex));
					throw ex;
				}
			});
		}
		StepContext step = StepSynchronizationManager.getContext();
		if (step != null) {
			step.setAttribute(ATTRIBUTE, this);
		}
	}

	@Override
	public void write(Chunk<? extends Delivery> chunk) throws Exception {
		SendQueue queue = queue();
		queue.add(chunk.getItems());
		BooleanSupplier stopRequested = this.stopRequested;
		if (stopRequested != null) {
			awaitAll(queue, stopRequested);
		}
		else {
			queue.awaitRoom();
		}
		this.parts.server().flushOutbox();
	}

	/**
	 * The step's reader has nothing more: from now on each write waits until every
	 * message handed in has its outcome, and so does this call for those written already.
	 * @param stopRequested whether the step has been asked to stop, looked at while it
	 * waits
	 * @throws Exception the first failure of a connection
	 */
	private void inputEnded(BooleanSupplier stopRequested) throws Exception {
		this.stopRequested = stopRequested;
		awaitAll(queue(), stopRequested);
		this.parts.server().flushOutbox();
	}

	/**
	 * Waits for every outcome; if the step is asked to stop meanwhile, for those of the
	 * groups in hand only, and marks the step to end stopped (as it would at the next
	 * chunk).
	 */
	private void awaitAll(SendQueue queue, BooleanSupplier stopRequested) throws Exception {
		while (!queue.awaitAll(STOP_CHECK)) {
			if (stopRequested.getAsBoolean()) {
				int left = queue.close();
				logger.info("A stop was requested: {} message(s) of {} {} are left for the next run", left,
						this.key.kind().column(), this.key.key());
				StepContext step = StepSynchronizationManager.getContext();
				if (step != null) {
					step.getStepExecution().setTerminateOnly();
				}
				while (!queue.awaitAll(STOP_CHECK)) {
					// the groups in hand are finished and recorded
				}
				return;
			}
		}
	}

	/**
	 * The reader of a send step, telling the step's writer, when the reader has no more,
	 * to wait for the outcome of every message it was handed: the last write of a chunk
	 * step is not followed by anything the writer would see. While it waits, it looks in
	 * the job repository every {@link #STOP_CHECK} for a stop request, which the step
	 * would otherwise see only at its next chunk.
	 */
	static <T> ItemStreamReader<T> endOfInput(ItemStreamReader<T> reader, JobRepository repository) {
		return new ItemStreamReader<>() {

			@Override
			public @Nullable T read() throws Exception {
				T item = reader.read();
				if (item == null) {
					StepContext step = StepSynchronizationManager.getContext();
					if (step != null && step.getAttribute(ATTRIBUTE) instanceof SendStepWriter writer) {
						long jobExecution = step.getStepExecution().getJobExecutionId();
						writer.inputEnded(() -> {
							JobExecution job = repository.getJobExecution(jobExecution);
							return job != null && job.isStopping();
						});
					}
				}
				return item;
			}

			@Override
			public void open(ExecutionContext context) {
				reader.open(context);
			}

			@Override
			public void update(ExecutionContext context) {
				reader.update(context);
			}

			@Override
			public void close() {
				reader.close();
			}

		};
	}

	@Override
	public void close() {
		if (this.queue != null) {
			int left = this.queue.close();
			if (left > 0) {
				logger.info("{} message(s) of {} {} were not sent before the step ended; they stay for the next run",
						left, this.key.kind().column(), this.key.key());
			}
			this.queue = null;
		}
		if (this.threads != null) {
			// never interrupt a worker: an interrupt in the middle of a database write
			// closes H2's file; let the group in hand finish instead
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
		this.stopRequested = null;
		this.parts.server().flushOutbox();
	}

	private SendQueue queue() {
		if (this.queue == null) {
			throw new IllegalStateException("The send step writer was not opened");
		}
		return this.queue;
	}

}
