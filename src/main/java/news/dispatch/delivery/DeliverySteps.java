package news.dispatch.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parts of a send step, for every job that sends (digests, alerts): a reader of the
 * edition's unsent ledger rows, a processor that composes each message, and a writer that
 * sends them and records each outcome the moment the server answers.
 * <p>
 * The reader pages by id over rows still PENDING or RETRY, so it keeps no restart state:
 * what was sent is no longer read, whichever process sent it.
 */
@Component
public class DeliverySteps {

	private static final Logger logger = LoggerFactory.getLogger(DeliverySteps.class);

	private final DataSource dataSource;

	private final Deliveries deliveries;

	private final MailServer server;

	private final MessageFactory messages;

	private final Map<String, Composer> composers;

	private final TransactionTemplate ownTransaction;

	DeliverySteps(DataSource dataSource, Deliveries deliveries, MailServer server, MessageFactory messages,
			List<Composer> composers, PlatformTransactionManager transactionManager) {
		this.dataSource = dataSource;
		this.deliveries = deliveries;
		this.server = server;
		this.messages = messages;
		this.composers = composers.stream().collect(Collectors.toMap(Composer::kind, Function.identity()));
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * A send step over the given parts, which the job declares step-scoped.
	 */
	public Step sendStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			int chunkSize, ItemStreamReader<Delivery> reader, ItemProcessor<Delivery, Outgoing> composer,
			ItemStreamWriter<Outgoing> sender) {
		return new StepBuilder(name, jobRepository).<Delivery, Outgoing>chunk(chunkSize)
			.transactionManager(transactionManager)
			.reader(reader)
			.processor(composer)
			.writer(sender)
			.build();
	}

	/**
	 * The unsent messages of one edition, in ledger order.
	 */
	public ItemStreamReader<Delivery> unsent(String kind, String key, int pageSize) throws Exception {
		return new JdbcPagingItemReaderBuilder<Delivery>().name("unsent-" + kind)
			.dataSource(this.dataSource)
			.selectClause("select id, kind, edition_key, subscriber_id, message_id, attempts")
			.fromClause("from delivery")
			.whereClause("where kind = :kind and edition_key = :key and status in ('PENDING', 'RETRY')")
			.parameterValues(Map.of("kind", kind, "key", key))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper((rs, row) -> new Delivery(rs.getLong("id"), rs.getString("kind"), rs.getString("edition_key"),
					rs.getLong("subscriber_id"), rs.getString("message_id"), rs.getInt("attempts")))
			.pageSize(pageSize)
			.saveState(false)
			.build();
	}

	/**
	 * Composes each delivery's message with the composer of its kind. A delivery that
	 * should no longer go out is marked FAILED and filtered.
	 */
	public ItemProcessor<Delivery, Outgoing> composer() {
		return (delivery) -> {
			Composer composer = this.composers.get(delivery.kind());
			if (composer == null) {
				throw new IllegalStateException("No composer for deliveries of kind " + delivery.kind());
			}
			Optional<ComposedMessage> composed = composer.compose(delivery);
			if (composed.isEmpty()) {
				record(delivery, DeliveryStatus.FAILED, "not sent: the subscriber no longer receives mail");
				return null;
			}
			return new Outgoing(delivery, this.messages.create(this.server.session(), delivery, composed.get()));
		};
	}

	/**
	 * Sends over one connection per step execution and records each outcome in its own
	 * transaction, so a message the server accepted is SENT even if the chunk fails
	 * later.
	 */
	public ItemStreamWriter<Outgoing> sender() {
		return new ItemStreamWriter<>() {

			private Postman postman = new Postman(DeliverySteps.this.server);

			@Override
			public void open(ExecutionContext context) {
				this.postman = new Postman(DeliverySteps.this.server);
			}

			@Override
			public void write(Chunk<? extends Outgoing> chunk) throws MessagingException {
				for (Outgoing outgoing : chunk) {
					Postman.Outcome outcome = this.postman.send(outgoing.message());
					record(outgoing.delivery(), outcome.status(), outcome.reply());
					if (outcome.status() != DeliveryStatus.SENT) {
						logger.warn("{} to subscriber {}: {} ({})", outgoing.delivery().messageId(),
								outgoing.delivery().subscriberId(), outcome.status(), outcome.reply());
					}
				}
				DeliverySteps.this.server.flushOutbox();
			}

			@Override
			public void close() {
				this.postman.close();
				DeliverySteps.this.server.flushOutbox();
			}

		};
	}

	private void record(Delivery delivery, DeliveryStatus status, String reply) {
		this.ownTransaction.executeWithoutResult((tx) -> this.deliveries.record(delivery.id(), status, reply));
	}

}
