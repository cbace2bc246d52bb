package news.dispatch.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.H2ChannelMessageStoreQueryProvider;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Remote partitioning of send steps (Spring Batch Integration) over a channel kept in the
 * shared database (Spring Integration's JDBC channel message store): the manager step
 * writes one request per partition there, {@code dispatch worker} processes take them one
 * at a time (a request is taken by one worker: the store deletes it as it hands it out)
 * and run the partition's step; the manager follows the partitions' step executions in
 * the job repository until they have all ended. Nothing beyond the database is needed, on
 * H2 (in its automatic mixed mode) as on PostgreSQL.
 */
@Component
public class RemotePartitions {

	static final String GROUP = "dispatch-send-partitions";

	private final DataSource dataSource;

	private final JobRepository repository;

	private final ObjectProvider<Step> steps;

	private final SendingSettings settings;

	private @Nullable QueueChannel channel;

	RemotePartitions(DataSource dataSource, JobRepository repository, ObjectProvider<Step> steps,
			SendingSettings settings) {
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
	 * A manager step whose partitions run in worker processes.
	 */
	Step managerStep(String name, Partitioner partitioner, Step worker) {
		return new RemotePartitioningManagerStepBuilder(name, this.repository)
			.partitioner(worker.getName(), partitioner)
			.gridSize(this.settings.partitions())
			.outputChannel(channel())
			.pollInterval(500)
			.timeout(this.settings.remoteTimeout().toMillis())
			.build();
	}

	/**
	 * Takes partition requests and runs them, one at a time, while {@code going} says so.
	 */
	public void work(BooleanSupplier going, java.io.PrintWriter out) throws InterruptedException {
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
		QueueChannel requests = channel();
		while (going.getAsBoolean()) {
			if (Thread.currentThread().isInterrupted()) {
				throw new InterruptedException();
			}
			Message<?> message = requests.receive(1000);
			if (message != null && message.getPayload() instanceof StepExecutionRequest request) {
				StepExecution done = handler.handle(request);
				out.printf("Partition %s of run %d: %s, %d message(s) handled.%n",
						done.getExecutionContext().getString("key", "?") + " subscribers "
								+ done.getExecutionContext().getLong("fromSubscriber", 0) + "-"
								+ done.getExecutionContext().getLong("toSubscriber", 0),
						done.getJobExecutionId(), done.getStatus(), done.getWriteCount());
			}
		}
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
