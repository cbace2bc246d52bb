package news.dispatch.housekeeping;

import java.time.Instant;

import news.dispatch.run.JobDescriptor;
import news.dispatch.subscriber.SignUps;
import news.dispatch.system.RateCounters;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The housekeeping job, one instance per moment ({@link HousekeepingJob#MOMENT}), run by
 * the schedule of {@code jobs/housekeeping/job.yml} or by {@code dispatch housekeeping}:
 * <ol>
 * <li>{@code forget-expired-sign-ups}: sign-ups still waiting for confirmation when their
 * link expired ({@code dispatch.links.confirm}) are deleted;</li>
 * <li>{@code delete-ended-counters}: rate-limit counters whose window has ended are
 * deleted.</li>
 * </ol>
 * Each step's write count is the rows it deleted. Both compare with the real time, not
 * the run's moment, so a clock set to another day ({@code dispatch.clock}) deletes
 * nothing still valid.
 */
@Configuration(proxyBeanMethods = false)
class HousekeepingJobConfiguration {

	@Bean
	JobDescriptor housekeepingJobDescriptor() {
		return JobDescriptor.plain(HousekeepingJob.NAME);
	}

	@Bean
	Job housekeepingJob(JobRepository jobRepository, Step forgetExpiredSignUpsStep, Step deleteEndedCountersStep) {
		return new JobBuilder(HousekeepingJob.NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { HousekeepingJob.MOMENT }, new String[0]))
			.start(forgetExpiredSignUpsStep)
			.next(deleteEndedCountersStep)
			.build();
	}

	@Bean
	Step forgetExpiredSignUpsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SignUps signUps) {
		return new StepBuilder(HousekeepingJob.SIGN_UPS_STEP, jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(signUps.forgetExpired());
			return null;
		}, transactionManager).build();
	}

	@Bean
	Step deleteEndedCountersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RateCounters counters) {
		return new StepBuilder(HousekeepingJob.COUNTERS_STEP, jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(counters.deleteEnded(Instant.now()));
			return null;
		}, transactionManager).build();
	}

}
