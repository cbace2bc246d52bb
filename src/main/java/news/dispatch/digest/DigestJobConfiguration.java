package news.dispatch.digest;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import news.dispatch.delivery.Deliveries;
import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.DeliverySteps;
import news.dispatch.subscriber.Frequency;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.subscriber.Subscribers.Following;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.TopicMatching;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
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
	Job digestJob(JobRepository jobRepository, Step matchArticlesStep, Step planDigestsStep, Step sendDigestsStep) {
		return new JobBuilder(DigestJob.NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { DigestJob.EDITION }, new String[0]))
			.start(matchArticlesStep)
			.next(planDigestsStep)
			.next(sendDigestsStep)
			.build();
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

	@Bean
	Step matchArticlesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TopicMatching matching) {
		return new StepBuilder("match-articles", jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(matching.matchPending());
			return null;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	/**
	 * Plans a chunk of due subscribers at a time, with a few queries for the whole chunk
	 * (see {@link DigestPlanner#planAll}); the step's write count is the subscribers
	 * considered, the ledger holds those planned.
	 */
	@Bean
	Step planDigestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DigestSettings settings, ItemReader<Following> dueSubscribers, ItemWriter<Following> planDigests) {
		return new StepBuilder("plan-digests", jobRepository).<Following, Following>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(dueSubscribers)
			.writer(planDigests)
			.build();
	}

	@Bean
	Step sendDigestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DigestSettings settings, DeliverySteps steps, ItemStreamReader<Delivery> unsentDigests,
			ItemStreamWriter<Delivery> sendDigests) {
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
	 * Daily subscribers, and weekly ones on their day, page by page.
	 */
	@Bean
	@StepScope
	ItemReader<Following> dueSubscribers(Subscribers subscribers, DigestSettings settings,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		Set<Frequency> due = (edition.getDayOfWeek() == settings.weeklyDay())
				? EnumSet.of(Frequency.DAILY, Frequency.WEEKLY) : EnumSet.of(Frequency.DAILY);
		return new ItemReader<>() {

			private long afterId;

			private Iterator<Following> page = List.<Following>of().iterator();

			@Override
			public @Nullable Following read() {
				if (!this.page.hasNext()) {
					List<Following> next = subscribers.following(due, edition, this.afterId, settings.chunkSize());
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
	ItemWriter<Following> planDigests(DigestPlanner planner, Deliveries deliveries, DispatchSettings settings,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		return (chunk) -> deliveries.planAll(DigestJob.KIND, edition.toString(),
				planner.planAll(List.copyOf(chunk.getItems()), edition, settings.zone()));
	}

	@Bean
	@StepScope
	ItemStreamReader<Delivery> unsentDigests(DeliverySteps steps, DigestSettings settings,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		return steps.unsent(DigestJob.KIND, edition.toString(), settings.chunkSize());
	}

	@Bean
	@StepScope
	ItemStreamWriter<Delivery> sendDigests(DeliverySteps steps,
			@Value("#{jobParameters['edition']}") LocalDate edition) {
		return steps.sender(DigestJob.KIND, edition.toString());
	}

}
