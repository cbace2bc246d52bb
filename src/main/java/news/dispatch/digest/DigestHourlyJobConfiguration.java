package news.dispatch.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.DeliverySteps;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.LedgerPlans;
import news.dispatch.run.JobDescriptor;
import news.dispatch.subscriber.Recipients;
import news.dispatch.subscriber.Recipients.DigestTime;
import news.dispatch.system.DispatchSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The hourly digest job, one instance per hour ({@link DigestJob#SLOT}), run by the
 * schedule of {@code jobs/digest/job.yml}:
 * <ol>
 * <li>{@code match-articles}: as in the edition job;</li>
 * <li>{@code plan-due-digests}: every subscriber whose send hour has come in their zone
 * and who has not been considered for their local day (see {@link SendHours}) gets a
 * PENDING row in their local day's edition, if anything is new for them;</li>
 * <li>{@code settle-hour-digests}, {@code send-hour-digests}: what is unsent in the
 * editions of that moment is sent, partitioned by edition and subscriber range.</li>
 * </ol>
 * Also the partition step both digest jobs share.
 */
@Configuration(proxyBeanMethods = false)
class DigestHourlyJobConfiguration {

	@Bean
	JobDescriptor digestHourlyJobDescriptor() {
		return JobDescriptor.sending(DigestJob.HOURLY_NAME,
				(parameters) -> editionsAt(Instant.parse(parameters.getString(DigestJob.SLOT))), true);
	}

	static final String PARTITION_STEP = "send-digests-partition";

	@Bean
	Job digestHourlyJob(JobRepository jobRepository, Step matchArticlesStep, Step planDueDigestsStep,
			Step settleHourDigestsStep, Step sendHourDigestsStep) {
		return new JobBuilder(DigestJob.HOURLY_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { DigestJob.SLOT }, new String[0]))
			.start(matchArticlesStep)
			.next(planDueDigestsStep)
			.next(settleHourDigestsStep)
			.next(sendHourDigestsStep)
			.build();
	}

	@Bean
	Step planDueDigestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DigestSettings settings, ItemReader<DigestDue> dueAtHour, ItemWriter<DigestDue> planDue) {
		return new StepBuilder("plan-due-digests", jobRepository).<DigestDue, DigestDue>chunk(settings.planChunkSize())
			.transactionManager(transactionManager)
			.reader(dueAtHour)
			.writer(planDue)
			.build();
	}

	@Bean
	Step settleHourDigestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DeliverySteps steps) {
		return steps.settleStep("settle-hour-digests", jobRepository, transactionManager, () -> editionsAt(slot()));
	}

	@Bean
	Step sendHourDigestsStep(JobRepository jobRepository, DeliverySteps steps, Step sendDigestsPartitionStep) {
		Partitioner partitioner = steps.partitioner(() -> editionsAt(slot()));
		return steps.partitionedSendStep("send-hour-digests", jobRepository, partitioner, sendDigestsPartitionStep);
	}

	/**
	 * One partition of a partitioned digest send: an edition's unsent messages to a range
	 * of subscribers.
	 */
	@Bean
	Step sendDigestsPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DigestSettings settings, DeliverySteps steps, ItemStreamReader<Delivery> partitionDigests,
			ItemStreamWriter<Delivery> sendPartitionDigests) {
		return steps.sendStep(PARTITION_STEP, jobRepository, transactionManager, settings.chunkSize(), partitionDigests,
				sendPartitionDigests);
	}

	@Bean
	@StepScope
	ItemStreamReader<Delivery> partitionDigests(DeliverySteps steps, DigestSettings settings,
			@Value("#{stepExecutionContext['key']}") String key,
			@Value("#{stepExecutionContext['fromSubscriber']}") long from,
			@Value("#{stepExecutionContext['toSubscriber']}") long to) {
		return steps.unsent(LedgerKey.edition(LocalDate.parse(key)), settings.chunkSize(), from, to);
	}

	@Bean
	@StepScope
	ItemStreamWriter<Delivery> sendPartitionDigests(DeliverySteps steps,
			@Value("#{stepExecutionContext['key']}") String key,
			@Value("#{stepExecutionContext['connections']}") @Nullable Integer connections) {
		return steps.partitionSender(LedgerKey.edition(LocalDate.parse(key)), connections);
	}

	@Bean
	@StepScope
	ItemReader<DigestDue> dueAtHour(Recipients recipients, DigestRounds rounds, DigestSettings settings,
			@Value("#{jobParameters['slot']}") String slot) {
		Instant at = Instant.parse(slot);
		List<String> editions = SendHours.editionsAt(at).stream().map(LocalDate::toString).toList();
		return new ItemReader<>() {

			private long afterId;

			private Iterator<DigestDue> page = List.<DigestDue>of().iterator();

			@Override
			public @Nullable DigestDue read() {
				while (!this.page.hasNext()) {
					List<DigestTime> next = recipients.digestTimes(this.afterId, settings.planChunkSize());
					if (next.isEmpty()) {
						return null;
					}
					Set<String> considered = rounds.considered(next.get(0).subscriberId(),
							next.get(next.size() - 1).subscriberId(), editions);
					List<DigestDue> due = new ArrayList<>();
					for (DigestTime subscriber : next) {
						Optional<LocalDate> edition = SendHours.dueEdition(subscriber, at, settings.weeklyDay());
						if (edition.isPresent()
								&& !considered.contains(subscriber.subscriberId() + "/" + edition.get())) {
							due.add(new DigestDue(subscriber.subscriberId(), edition.get()));
						}
					}
					this.afterId = next.get(next.size() - 1).subscriberId();
					this.page = due.iterator();
				}
				return this.page.next();
			}

		};
	}

	@Bean
	@StepScope
	ItemWriter<DigestDue> planDue(DigestPlanner planner, LedgerPlans plans, DigestRounds rounds, Recipients recipients,
			DispatchSettings settings, Clock clock) {
		return (chunk) -> {
			Map<LocalDate, List<Long>> byEdition = new LinkedHashMap<>();
			chunk.getItems()
				.forEach((due) -> byEdition.computeIfAbsent(due.edition(), (day) -> new ArrayList<>())
					.add(due.subscriberId()));
			for (Map.Entry<LocalDate, List<Long>> edition : byEdition.entrySet()) {
				DigestPlanner.Plan plan = planner.plan(recipients.following(edition.getValue()), edition.getKey(),
						settings.zone());
				plans.planGroups(LedgerKey.edition(edition.getKey()), plan.groups(), plan.own());
				rounds.record(edition.getValue(), edition.getKey().toString(), clock.instant());
			}
		};
	}

	/**
	 * The hour of the hourly run in progress, from the step in progress.
	 */
	private static Instant slot() {
		var context = StepSynchronizationManager.getContext();
		if (context == null) {
			throw new IllegalStateException("No step in progress");
		}
		return Instant.parse(context.getStepExecution().getJobParameters().getString(DigestJob.SLOT));
	}

	/**
	 * The ledger keys of the editions an hourly run at this moment can send.
	 */
	static List<LedgerKey> editionsAt(Instant slot) {
		return SendHours.editionsAt(slot).stream().map(LedgerKey::edition).toList();
	}

}
