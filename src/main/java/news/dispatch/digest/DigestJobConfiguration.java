package news.dispatch.digest;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;

import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.DeliverySteps;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.LedgerPlans;
import news.dispatch.delivery.SendingSettings;
import news.dispatch.run.JobDescriptor;
import news.dispatch.subscriber.Recipients;
import news.dispatch.subscriber.Recipients.Following;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.TopicMatching;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The digest job, one instance per edition date:
 * <ol>
 * <li>{@code match-articles}: recent articles are matched against the current
 * topics;</li>
 * <li>{@code plan-digests}: one PENDING ledger row for each due subscriber with something
 * new, with the articles it will carry;</li>
 * <li>{@code send-digests}: each planned message composed, sent and recorded.</li>
 * </ol>
 * Planning is idempotent (the ledger holds one row per subscriber and edition) and
 * sending reads only unsent rows, so a restart after any failure finishes the edition
 * without sending anything twice.
 */
@Configuration(proxyBeanMethods = false)
class DigestJobConfiguration {

	@Bean
	JobDescriptor digestJobDescriptor() {
		return JobDescriptor.sending(DigestJob.NAME, DigestJob::keys, true);
	}

	@Bean
	JobDescriptor digestRetryJobDescriptor() {
		return JobDescriptor.sending(DigestJob.RETRY_NAME, DigestJob::keys, true);
	}

	@Bean
	Job digestJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, Step matchArticlesStep,
			Step planDigestsStep, Step sendDigestsStep, DeliverySteps steps, SendingSettings sending) {
		var job = new JobBuilder(DigestJob.NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { DigestJob.EDITION }, new String[0]))
			.start(matchArticlesStep)
			.next(planDigestsStep);
		if (sending.partitions() > 1) {
			// the partitions do not settle what a dead run left in flight: this step
			// does,
			// on every start and restart, before they begin
			job = job.next(steps.settleStep("settle-digests", jobRepository, transactionManager,
					() -> List.of(LedgerKey.edition(edition()))));
		}
		return job.next(sendDigestsStep).build();
	}

	/**
	 * Sends an edition's messages left RETRY (or PENDING) by its run, without planning
	 * anything new.
	 */
	@Bean
	Job digestRetryJob(JobRepository jobRepository, Step resendDigestsStep) {
		return new JobBuilder(DigestJob.RETRY_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { DigestJob.EDITION, DigestJob.RETRY_AT },
					new String[0]))
			.start(resendDigestsStep)
			.build();
	}

	/**
	 * Matches every story of the matching window that is unmatched or was matched under
	 * another version of the topics and keywords, before anything is planned: its read
	 * count is the stories it found so, its write count those it matched and stored. A
	 * story that cannot be matched fails the step, naming it.
	 */
	@Bean
	Step matchArticlesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TopicMatching matching) {
		return new StepBuilder("match-articles", jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(matching.matchPending((read) -> {
				for (int i = 0; i < read; i++) {
					contribution.incrementReadCount();
				}
			}));
			return null;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	/**
	 * Plans a chunk of due subscribers at a time ({@code plan-chunk-size}), with a few
	 * queries for the whole chunk and one decision for the readers of the same topics
	 * (see {@link DigestPlanner#plan}); the step's write count is the subscribers
	 * considered, the ledger holds those planned.
	 */
	@Bean
	Step planDigestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DigestSettings settings, ItemReader<Following> dueSubscribers, ItemWriter<Following> planDigests) {
		return new StepBuilder("plan-digests", jobRepository).<Following, Following>chunk(settings.planChunkSize())
			.transactionManager(transactionManager)
			.reader(dueSubscribers)
			.writer(planDigests)
			.build();
	}

	/**
	 * With {@code dispatch.sending.partitions} above 1, partitioned by subscriber range
	 * (see {@link DigestHourlyJobConfiguration#sendDigestsPartitionStep}).
	 */
	@Bean
	Step sendDigestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DigestSettings settings, DeliverySteps steps, SendingSettings sending,
			ItemStreamReader<Delivery> unsentDigests, ItemStreamWriter<Delivery> sendDigests,
			@Qualifier("sendDigestsPartitionStep") Step partition) {
		if (sending.partitions() > 1) {
			return steps.partitionedSendStep("send-digests", jobRepository,
					steps.partitioner(() -> List.of(LedgerKey.edition(edition()))), partition);
		}
		return steps.sendStep("send-digests", jobRepository, transactionManager, settings.chunkSize(), unsentDigests,
				sendDigests);
	}

	@Bean
	Step resendDigestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DigestSettings settings, DeliverySteps steps, ItemStreamReader<Delivery> unsentDigests,
			ItemStreamWriter<Delivery> sendDigests) {
		return steps.sendStep("resend-digests", jobRepository, transactionManager, settings.chunkSize(), unsentDigests,
				sendDigests);
	}

	/**
	 * Daily subscribers, and weekly ones on their weekday, page by page, whatever their
	 * send hour: a manual edition goes to everyone due that day at once.
	 */
	@Bean
	@StepScope
	ItemReader<Following> dueSubscribers(Recipients recipients, DigestSettings settings,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		return new ItemReader<>() {

			private long afterId;

			private Iterator<Following> page = List.<Following>of().iterator();

			@Override
			public @Nullable Following read() {
				if (!this.page.hasNext()) {
					List<Following> next = recipients.dueOn(edition, settings.weeklyDay(), this.afterId,
							settings.planChunkSize());
					if (next.isEmpty()) {
						return null;
					}
					this.afterId = next.get(next.size() - 1).subscriberId();
					this.page = next.iterator();
				}
				return this.page.next();
			}

		};
	}

	@Bean
	@StepScope
	ItemWriter<Following> planDigests(DigestPlanner planner, LedgerPlans plans, DispatchSettings settings,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		return (chunk) -> {
			DigestPlanner.Plan plan = planner.plan(List.copyOf(chunk.getItems()), edition, settings.zone());
			plans.planGroups(LedgerKey.edition(edition), plan.groups(), plan.own());
		};
	}

	@Bean
	@StepScope
	ItemStreamReader<Delivery> unsentDigests(DeliverySteps steps, DigestSettings settings,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		return steps.unsent(LedgerKey.edition(edition), settings.chunkSize());
	}

	@Bean
	@StepScope
	ItemStreamWriter<Delivery> sendDigests(DeliverySteps steps,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		return steps.sender(LedgerKey.edition(edition));
	}

	/**
	 * The edition of the run in progress, from the step in progress.
	 */
	private static LocalDate edition() {
		var context = StepSynchronizationManager.getContext();
		if (context == null) {
			throw new IllegalStateException("No step in progress");
		}
		return context.getStepExecution().getJobParameters().getLocalDate(DigestJob.EDITION);
	}

}
