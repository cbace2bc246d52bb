package news.dispatch.article;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest job: read every file of the source folders, keep the story, store it once. A
 * file that cannot be an article is skipped and recorded in the run's refusals; the
 * step's counts are the run report: read (fetched), write (new), filter (duplicate), skip
 * (refused).
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

	@Bean
	Job ingestJob(JobRepository jobRepository, Step ingestFilesStep, ApplicationEventPublisher events) {
		return new JobBuilder(IngestJob.NAME, jobRepository).start(ingestFilesStep)
			.listener(new JobExecutionListener() {
				@Override
				public void afterJob(JobExecution execution) {
					long stored = execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
					events.publishEvent(new ArticlesIngested(execution.getId(), stored));
				}
			})
			.build();
	}

	@Bean
	Step ingestFilesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			IngestSettings settings, FolderReader folderReader,
			ItemProcessor<SourceFile, ArticleDraft> articleProcessor, Articles articles) {
		return new StepBuilder(IngestJob.INGEST_STEP, jobRepository)
			.<SourceFile, ArticleDraft>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(folderReader)
			.processor(articleProcessor)
			.writer((chunk) -> {
				Instant now = Instant.now();
				for (ArticleDraft draft : chunk) {
					articles.add(draft, now);
				}
			})
			.faultTolerant()
			.skip(UnusableInputException.class)
			.skipLimit(Long.MAX_VALUE)
			.build();
	}

	@Bean
	@StepScope
	FolderReader folderReader(@Value("#{jobParameters['from']}") String from) {
		return new FolderReader(IngestJob.folders(from));
	}

	/**
	 * Reads and cleans each file; a story already stored, or already seen in this run, is
	 * filtered as a duplicate. A refused file is recorded before the step skips it.
	 */
	@Bean
	@StepScope
	ItemProcessor<SourceFile, ArticleDraft> articleProcessor(IngestSettings settings, Articles articles,
			Refusals refusals, @Value("#{stepExecution.jobExecutionId}") long jobExecutionId) {
		ArticleFiles files = new ArticleFiles(settings.maxFileSize().toBytes(),
				new Boilerplate(settings.boilerplate().dropLines(), settings.boilerplate().cutFrom()));
		Set<String> seen = new HashSet<>();
		return (file) -> {
			ArticleDraft draft;
			try {
				draft = files.read(file.source(), file.path());
			}
			catch (UnusableInputException ex) {
				refusals.add(jobExecutionId, new Refusals.Refusal(ex.source(), ex.item(), ex.reason()));
				throw ex;
			}
			String hash = draft.contentHash();
			return (seen.add(hash) && !articles.exists(hash)) ? draft : null;
		};
	}

}
