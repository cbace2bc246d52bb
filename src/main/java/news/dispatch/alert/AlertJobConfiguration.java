package news.dispatch.alert;

import java.time.Instant;
import java.util.List;

import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.DeliverySteps;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.LedgerPlans;
import news.dispatch.run.JobDescriptor;
import news.dispatch.topic.TopicMatching;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The alert job, one instance per article:
 * <ol>
 * <li>{@code match-article}: articles not yet matched (the flagged one among them) are
 * matched against the topics and readers' keywords;</li>
 * <li>{@code plan-alerts}: one ledger row per reader of its audience (see
 * {@link Audience}): PENDING for those it goes to, HELD for those in their quiet hours,
 * CAPPED for those over their daily cap; each row carries the article, so a digest leaves
 * it out for those who get the alert and keeps it for the others;</li>
 * <li>{@code send-alerts}: each PENDING row composed, sent over the alert's own
 * connections and recorded; digests sending meanwhile pause between chunks.</li>
 * </ol>
 * The ledger holds one row per reader and article, so a restart sends nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class AlertJobConfiguration {

	@Bean
	JobDescriptor alertJobDescriptor() {
		return JobDescriptor.sending(AlertJob.NAME, AlertJob::keys, false);
	}

	@Bean
	Job alertJob(JobRepository jobRepository, Step matchArticleStep, Step planAlertsStep, Step sendAlertsStep) {
		return new JobBuilder(AlertJob.NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { AlertJob.ARTICLE }, new String[0]))
			.start(matchArticleStep)
			.next(planAlertsStep)
			.next(sendAlertsStep)
			.build();
	}

	@Bean
	Step matchArticleStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TopicMatching matching) {
		return new StepBuilder("match-article", jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(matching.matchPending());
			return null;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	/**
	 * Plans the whole audience in one transaction: a few batched statements even for tens
	 * of thousands of readers. Readers already in the ledger for this article are left as
	 * they are, so a restart plans nothing twice.
	 */
	@Bean
	Step planAlertsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, Audience audience,
			LedgerPlans plans) {
		return new StepBuilder("plan-alerts", jobRepository).tasklet((contribution, context) -> {
			long articleId = (Long) context.getStepContext().getJobParameters().get(AlertJob.ARTICLE);
			LedgerKey key = LedgerKey.alert(articleId);
			Audience.Plan plan = audience.plan(articleId, Instant.now());
			int planned = plans.planAll(key, messages(articleId, plan.send()), DeliveryStatus.PENDING);
			plans.planAll(key, messages(articleId, plan.held()), DeliveryStatus.HELD);
			plans.planAll(key, messages(articleId, plan.capped()), DeliveryStatus.CAPPED);
			contribution.incrementWriteCount(planned);
			return null;
		}, transactionManager).build();
	}

	private static List<LedgerPlans.Planned> messages(long articleId, List<Long> subscribers) {
		return subscribers.stream()
			.map((id) -> new LedgerPlans.Planned(id, List.of(new LedgerPlans.Item(articleId, null))))
			.toList();
	}

	@Bean
	Step sendAlertsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			AlertSettings settings, DeliverySteps steps, ItemStreamReader<Delivery> unsentAlerts,
			ItemStreamWriter<Delivery> sendAlerts) {
		return steps.sendStep("send-alerts", jobRepository, transactionManager, settings.chunkSize(), unsentAlerts,
				sendAlerts);
	}

	@Bean
	@StepScope
	ItemStreamReader<Delivery> unsentAlerts(DeliverySteps steps, AlertSettings settings,
			@Value("#{jobParameters['article']}") Long articleId) {
		return steps.unsent(LedgerKey.alert(articleId), settings.chunkSize());
	}

	@Bean
	@StepScope
	ItemStreamWriter<Delivery> sendAlerts(DeliverySteps steps, AlertSettings settings,
			@Value("#{jobParameters['article']}") Long articleId) {
		return steps.sender(LedgerKey.alert(articleId), settings.connections());
	}

}
