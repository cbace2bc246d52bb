package news.dispatch.delivery;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import java.util.function.Supplier;

import news.dispatch.subscriber.Subscribers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.support.CompositeItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The parts of a send step, for every job that sends (digests, alerts): a reader of the
 * edition's unsent ledger rows and a writer that composes and sends them over parallel
 * SMTP connections, recording each outcome the moment the server answers.
 * <p>
 * The reader pages by id over rows still RETRY or PENDING, so it keeps no restart state:
 * what was sent is no longer read, whichever process sent it. Each page is read from the
 * ledger's index and stops after its rows (see {@link Deliveries#page}), so a page costs
 * the same at the end of a million-message edition as at its start.
 */
@Component
public class DeliverySteps {

	private static final Logger logger = LoggerFactory.getLogger(DeliverySteps.class);

	private final Deliveries deliveries;

	private final MailServer server;

	private final MessageFactory messages;

	private final Map<LedgerKey.Kind, Composer> composers;

	private final Subscribers subscribers;

	private final SendingSettings settings;

	private final PriorityLane lane;

	private final ObjectProvider<RemotePartitions> remote;

	private final RateBuckets rateBuckets;

	private final SendingConnections connections;

	DeliverySteps(Deliveries deliveries, MailServer server, MessageFactory messages, List<Composer> composers,
			Subscribers subscribers, SendingSettings settings, PrioritySettings priority,
			ObjectProvider<RemotePartitions> remote, RateBuckets rateBuckets, SendingConnections connections) {
		this.remote = remote;
		this.connections = connections;
		this.rateBuckets = rateBuckets;
		this.deliveries = deliveries;
		this.server = server;
		this.messages = messages;
		this.composers = composers.stream().collect(Collectors.toMap(Composer::kind, Function.identity()));
		this.subscribers = subscribers;
		this.settings = settings;
		this.lane = new PriorityLane(deliveries,
				composers.stream()
					.filter(Composer::priority)
					.map(Composer::kind)
					.collect(Collectors.toUnmodifiableSet()),
				priority);
	}

	/**
	 * A send step over the given parts, which the job declares step-scoped. When the
	 * reader has no more, the step waits for the outcome of every message handed to the
	 * writer's connections (see {@link SendStepWriter}).
	 */
	public Step sendStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			int chunkSize, ItemStreamReader<Delivery> reader, ItemStreamWriter<Delivery> sender) {
		return new StepBuilder(name, jobRepository).<Delivery, Delivery>chunk(chunkSize)
			.transactionManager(transactionManager)
			.reader(SendStepWriter.endOfInput(reader, jobRepository))
			.writer(sender)
			.build();
	}

	/**
	 * The unsent messages of one edition: first those left RETRY by earlier runs, then
	 * the PENDING ones, each in ledger order. A message refused during this run is not
	 * read again by it. (One status per query: with {@code status in (...)} H2 scans the
	 * whole edition for every page.)
	 */
	public ItemStreamReader<Delivery> unsent(LedgerKey key, int pageSize) {
		return new CompositeItemReader<>(
				List.of(unsent(key, DeliveryStatus.RETRY, pageSize), unsent(key, DeliveryStatus.PENDING, pageSize)));
	}

	/**
	 * The unsent messages of one edition to subscribers {@code fromSubscriber} to
	 * {@code toSubscriber}: one partition's share (see {@link SendPartitioner}).
	 */
	public ItemStreamReader<Delivery> unsent(LedgerKey key, int pageSize, long fromSubscriber, long toSubscriber) {
		return new CompositeItemReader<>(
				List.of(unsent(key, DeliveryStatus.RETRY, pageSize, fromSubscriber, toSubscriber),
						unsent(key, DeliveryStatus.PENDING, pageSize, fromSubscriber, toSubscriber)));
	}

	private ItemStreamReader<Delivery> unsent(LedgerKey key, DeliveryStatus status, int pageSize) {
		return unsent(key, status, pageSize, 0, Long.MAX_VALUE);
	}

	/**
	 * One status's unsent messages, page by page after the last id read. Not the
	 * framework's {@code JdbcPagingItemReader}: to keep H2 reading each page off the
	 * index {@code (kind, edition_key, status, id)} the query must order by all four
	 * columns, and with four sort keys the reader's "after the last row" condition is an
	 * OR of four terms that H2 cannot start an index range with, so every page scans the
	 * edition from its start (H2 2.4, 200,000 rows, page at row 100,000: 100,100 rows
	 * scanned against 101 here; with {@code id} as the only sort key, 100,002 and a
	 * sort).
	 */
	private ItemStreamReader<Delivery> unsent(LedgerKey key, DeliveryStatus status, int pageSize, long fromSubscriber,
			long toSubscriber) {
		return new ItemStreamReader<>() {

			private long afterId;

			private Iterator<Delivery> page = Collections.emptyIterator();

			@Override
			public @Nullable Delivery read() {
				if (!this.page.hasNext()) {
					List<Delivery> next = DeliverySteps.this.deliveries.page(key, status, this.afterId, pageSize,
							fromSubscriber, toSubscriber);
					if (next.isEmpty()) {
						return null;
					}
					this.afterId = next.get(next.size() - 1).id();
					this.page = next.iterator();
				}
				return this.page.next();
			}

		};
	}

	/**
	 * Composes the messages of one edition with the composer of their kind and sends them
	 * over {@code dispatch.sending.connections} connections (with {@code auto}, as many
	 * as the relay, measured as the step starts, needs: see {@link SendingConnections}).
	 * Each outcome is recorded in its own transaction, so a message the server accepted
	 * is SENT even if the chunk fails later; a message being sent is marked, so one in
	 * flight at a crash is known.
	 */
	public ItemStreamWriter<Delivery> sender(LedgerKey key) {
		return new SendStepWriter(key, parts(key.kind()),
				(context) -> this.connections.perSender(List.of(key), false, context), true);
	}

	/**
	 * As {@link #sender(LedgerKey)}, over the given number of connections of its own:
	 * what alerts use, so they need not share a digest's connections.
	 */
	public ItemStreamWriter<Delivery> sender(LedgerKey key, int connections) {
		return new SendStepWriter(key, parts(key.kind()), (context) -> connections, true);
	}

	/**
	 * The writer of one partition of a partitioned send step: as {@link #sender}, over
	 * the connections the partitioner chose for each partition ({@code connections}, null
	 * in a partition made before it chose them); the messages a dead run left in flight
	 * were settled by the step before the partitions started ({@link #settleStep}).
	 */
	public ItemStreamWriter<Delivery> partitionSender(LedgerKey key, @Nullable Integer connections) {
		return new SendStepWriter(key, parts(key.kind()), (context) -> (connections != null) ? connections
				: this.connections.perSender(List.of(key), true, context), false);
	}

	private ConnectionWorker.Parts parts(LedgerKey.Kind kind) {
		Composer composer = this.composers.get(kind);
		if (composer == null) {
			throw new IllegalStateException("No composer for deliveries of kind " + kind);
		}
		Throttle throttle = new Throttle(this.settings.rate(), this.settings.domainRate(), this.rateBuckets);
		return new ConnectionWorker.Parts(this.server, this.messages, composer, this.deliveries, this.subscribers,
				throttle, this.settings, this.lane);
	}

	/**
	 * A step that counts as in doubt the messages of these editions that a dead run left
	 * in flight (see {@link Deliveries#settleInDoubt}), before a partitioned send step
	 * starts; it runs again on every restart. Its write count is how many it found.
	 */
	public Step settleStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Supplier<List<LedgerKey>> keys) {
		return new StepBuilder(name, jobRepository).tasklet((contribution, context) -> {
			for (LedgerKey key : keys.get()) {
				int inDoubt = this.deliveries.settleInDoubt(key);
				if (inDoubt > 0) {
					logger.warn("{} message(s) of {} {} were in flight when a run died; they are sent again with the"
							+ " same Message-ID and may arrive twice", inDoubt, key.kind().column(), key.key());
				}
				contribution.incrementWriteCount(inDoubt);
			}
			return null;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	/**
	 * A send step split by subscriber range ({@link SendPartitioner}): the partitions run
	 * on {@code dispatch.sending.partitions} threads of this process, each a run of
	 * {@code worker} with its own connections, or, with {@code dispatch.sending.remote},
	 * in {@code dispatch worker} processes ({@link RemotePartitions}). Each partition is
	 * its own step execution, so a restart sends again only what the failed or stopped
	 * partitions left unsent.
	 */
	public Step partitionedSendStep(String name, JobRepository jobRepository, Partitioner partitioner, Step worker) {
		if (this.settings.remote()) {
			return this.remote.getObject().managerStep(name, partitioner, worker);
		}
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
		threads.setConcurrencyLimit(this.settings.partitions());
		return new StepBuilder(name, jobRepository).partitioner(worker.getName(), partitioner)
			.step(worker)
			.gridSize(this.settings.partitions())
			.taskExecutor(threads)
			.build();
	}

	/**
	 * Splits the unsent messages of the editions {@code keys} gives into
	 * {@code dispatch.sending.partitions} subscriber ranges each, and gives each the
	 * connections it opens (see {@link SendingConnections}).
	 */
	public Partitioner partitioner(Supplier<List<LedgerKey>> keys) {
		return new SendPartitioner(this.deliveries, keys, this.connections);
	}

}
