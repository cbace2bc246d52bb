package news.dispatch.delivery;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import news.dispatch.subscriber.Subscribers;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.support.CompositeItemReader;
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

	private final Deliveries deliveries;

	private final MailServer server;

	private final MessageFactory messages;

	private final Map<String, Composer> composers;

	private final Subscribers subscribers;

	private final SendingSettings settings;

	private final PriorityLane lane;

	DeliverySteps(Deliveries deliveries, MailServer server, MessageFactory messages, List<Composer> composers,
			Subscribers subscribers, SendingSettings settings, PrioritySettings priority) {
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
	 * A send step over the given parts, which the job declares step-scoped.
	 */
	public Step sendStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			int chunkSize, ItemStreamReader<Delivery> reader, ItemStreamWriter<Delivery> sender) {
		return new StepBuilder(name, jobRepository).<Delivery, Delivery>chunk(chunkSize)
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(sender)
			.build();
	}

	/**
	 * The unsent messages of one edition: first those left RETRY by earlier runs, then
	 * the PENDING ones, each in ledger order. A message refused during this run is not
	 * read again by it. (One status per query: with {@code status in (...)} H2 scans the
	 * whole edition for every page.)
	 */
	public ItemStreamReader<Delivery> unsent(String kind, String key, int pageSize) {
		return new CompositeItemReader<>(List.of(unsent(kind, key, DeliveryStatus.RETRY, pageSize),
				unsent(kind, key, DeliveryStatus.PENDING, pageSize)));
	}

	private ItemStreamReader<Delivery> unsent(String kind, String key, DeliveryStatus status, int pageSize) {
		return new ItemStreamReader<>() {

			private long afterId;

			private Iterator<Delivery> page = Collections.emptyIterator();

			@Override
			public @Nullable Delivery read() {
				if (!this.page.hasNext()) {
					List<Delivery> next = DeliverySteps.this.deliveries.page(kind, key, status, this.afterId, pageSize);
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
	 * over {@code dispatch.sending.connections} connections. Each outcome is recorded in
	 * its own transaction, so a message the server accepted is SENT even if the chunk
	 * fails later; a message being sent is marked, so one in flight at a crash is known.
	 */
	public ItemStreamWriter<Delivery> sender(String kind, String key) {
		return sender(kind, key, this.settings.connections());
	}

	/**
	 * As {@link #sender(String, String)}, over the given number of connections of its
	 * own: what alerts use, so they need not share a digest's connections.
	 */
	public ItemStreamWriter<Delivery> sender(String kind, String key, int connections) {
		Composer composer = this.composers.get(kind);
		if (composer == null) {
			throw new IllegalStateException("No composer for deliveries of kind " + kind);
		}
		Throttle throttle = new Throttle(this.settings.rate(), this.settings.domainRate());
		SendingSettings settings = (connections == this.settings.connections()) ? this.settings
				: new SendingSettings(connections, this.settings.rate(), this.settings.domainRate(),
						this.settings.retries(), this.settings.backoff(), this.settings.maxBackoff(),
						this.settings.bouncesToSuppress());
		return new Sender(kind, key, new Courier.Parts(this.server, this.messages, composer, this.deliveries,
				this.subscribers, throttle, settings, this.lane));
	}

}
