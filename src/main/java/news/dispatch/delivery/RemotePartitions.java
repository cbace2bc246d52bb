package news.dispatch.delivery;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.H2ChannelMessageStoreQueryProvider;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Remote partitioning of send steps (Spring Batch Integration) over a channel kept in the
 * shared database (Spring Integration's JDBC channel message store): the manager step
 * writes one request per partition there, {@code dispatch worker} processes take them one
 * at a time (a request is taken by one worker: the store deletes it as it hands it out)
 * and run the partition's step under a lease on it; the manager follows the partitions'
 * step executions in the job repository until they have all ended, and hands on those
 * whose worker died ({@link LeasedPartitionHandler}). Nothing beyond the database is
 * needed, on H2 (in its automatic mixed mode) as on PostgreSQL.
 */
@Component
public class RemotePartitions {

	static final String GROUP = "dispatch-send-partitions";

	private final DataSource dataSource;

	private final JobRepository repository;

	private final ObjectProvider<Step> steps;

	private final SendingSettings settings;

	private final PartitionLeases leases;

	private final Deliveries deliveries;

	private final JdbcClient jdbc;

	private @Nullable QueueChannel channel;

	RemotePartitions(DataSource dataSource, JobRepository repository, ObjectProvider<Step> steps,
			SendingSettings settings, PartitionLeases leases, Deliveries deliveries, JdbcClient jdbc) {
		this.leases = leases;
		this.deliveries = deliveries;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.repository = repository;
		this.steps = steps;
		this.settings = settings;
	}

	/**
	 * The channel of partition requests, in the database.
	 */
	synchronized QueueChannel channel() {
		if (this.channel == null) {
			JdbcChannelMessageStore store = new JdbcChannelMessageStore(this.dataSource);
			store.setChannelMessageStoreQueryProvider(postgres() ? new PostgresChannelMessageStoreQueryProvider()
					: new H2ChannelMessageStoreQueryProvider());
			store.addAllowedPatterns("org.springframework.batch.integration.partition.*", "java.util.*", "java.lang.*",
					"org.springframework.messaging.*", "org.springframework.integration.*");
			store.afterPropertiesSet();
			this.channel = new QueueChannel(new MessageGroupQueue(store, GROUP));
			this.channel.setComponentName("dispatch-send-partitions");
		}
		return this.channel;
	}

	/**
	 * A manager step whose partitions run in worker processes, handed on when a worker
	 * dies ({@link LeasedPartitionHandler}).
	 */
	Step managerStep(String name, Partitioner partitioner, Step worker) {
		return new StepBuilder(name, this.repository).partitioner(worker.getName(), partitioner)
			.partitionHandler(
					new LeasedPartitionHandler(this.repository, this, this.leases, this.deliveries, worker.getName(),
							this.settings.partitions(), Duration.ofMillis(500), this.settings.remoteTimeout()))
			.build();
	}

	/**
	 * Puts the request to run a partition on the channel.
	 * @return the request's id in the channel's table
	 */
	String request(String workerStep, StepExecution partition) {
		Message<StepExecutionRequest> request = MessageBuilder
			.withPayload(new StepExecutionRequest(workerStep, partition.getId()))
			.build();
		channel().send(request);
		return String.valueOf(request.getHeaders().getId());
	}

	/**
	 * Whether a request still waits on the channel, taken by no worker yet.
	 */
	boolean waiting(String requestId) {
		return this.jdbc.sql("select count(*) from INT_CHANNEL_MESSAGE where MESSAGE_ID = ?")
			.param(requestId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Takes partition requests and runs them, one at a time, while {@code going} says so.
	 */
	public void work(BooleanSupplier going, PrintWriter out) throws InterruptedException {
		this.leases.workerStarted();
		try {
			while (going.getAsBoolean()) {
				if (Thread.currentThread().isInterrupted()) {
					throw new InterruptedException();
				}
				runOne(Duration.ofSeconds(1)).ifPresent((done) -> {
					out.printf("Partition %s of run %d: %s, %d message(s) handled.%n",
							done.getExecutionContext().getString("key", "?") + " subscribers "
									+ done.getExecutionContext().getLong("fromSubscriber", 0) + "-"
									+ done.getExecutionContext().getLong("toSubscriber", 0),
							done.getJobExecutionId(), done.getStatus(), done.getWriteCount());
					out.flush();
				});
			}
		}
		finally {
			this.leases.workerStopped();
		}
	}

	/**
	 * Takes one partition request, waiting for one up to {@code wait}, and runs it here
	 * under a lease on the partition, renewed while it runs.
	 * @return the partition's execution once it has ended; empty when there was no
	 * request, or its partition was handed on or taken by another process meanwhile
	 */
	Optional<StepExecution> runOne(Duration wait) {
		Message<?> message = channel().receive(wait.toMillis());
		if (message == null || !(message.getPayload() instanceof StepExecutionRequest request)) {
			return Optional.empty();
		}
		StepExecution partition = this.repository.getStepExecution(request.getStepExecutionId());
		if (partition == null || partition.getStatus() != BatchStatus.STARTING
				|| !this.leases.take(request.getStepExecutionId())) {
			return Optional.empty();
		}
		try {
			return Optional.of(handler().handle(request));
		}
		finally {
			this.leases.release(request.getStepExecutionId());
		}
	}

	private StepExecutionRequestHandler handler() {
		Map<String, Step> byName = this.steps.orderedStream()
			.collect(Collectors.toMap(Step::getName, Function.identity(), (a, b) -> a));
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(this.repository);
		handler.setStepLocator((stepName) -> {
			Step step = byName.get(stepName);
			if (step == null) {
				throw new IllegalStateException("No step " + stepName + " in this worker");
			}
			return step;
		});
		return handler;
	}

	private boolean postgres() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.getMetaData().getURL().startsWith("jdbc:postgresql:");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell the database's kind: " + ex.getMessage(), ex);
		}
	}

}
