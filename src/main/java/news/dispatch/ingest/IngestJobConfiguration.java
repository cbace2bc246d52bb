package news.dispatch.ingest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import news.dispatch.article.ArticlesIngested;
import news.dispatch.run.JobDescriptor;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest job: one step over all sources, partitioned so that each source (a folder, a
 * feed, a page) runs as its own step: a source that fails, or that cannot be read at all,
 * never stops the others. Within a source, an item that cannot be an article is skipped
 * and recorded in the run's report. A source step's counts are its line of the report:
 * read (fetched), write (new), filter (duplicate), skip (refused); the step over all
 * sources has the sums.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

	@Bean
	JobDescriptor ingestJobDescriptor() {
		return JobDescriptor.plain(IngestJob.NAME);
	}

	static final String LOCATION = "location";

	static final String NAME = "name";

	static final String TYPE = "type";

	static final String FULL_TEXT = "fullText";

	@Bean
	Job ingestJob(JobRepository jobRepository, Step ingestFilesStep, ApplicationEventPublisher events) {
		return new JobBuilder(IngestJob.NAME, jobRepository).start(ingestFilesStep)
			.listener(new JobExecutionListener() {
				@Override
				public void afterJob(JobExecution execution) {
					long stored = execution.getStepExecutions()
						.stream()
						.filter((step) -> step.getStepName().equals(IngestJob.INGEST_STEP))
						.mapToLong(StepExecution::getWriteCount)
						.sum();
					events.publishEvent(new ArticlesIngested(execution.getId(), stored));
				}
			})
			.build();
	}

	@Bean
	Step ingestFilesStep(JobRepository jobRepository, Step ingestSourceStep, Partitioner sourcePartitioner,
			SourcePrefetch prefetch) {
		TaskExecutorPartitionHandler inOrder = new TaskExecutorPartitionHandler() {
			// the sources run one after the other, in the order they were given (the
			// first to carry a story is the one it is stored from); the feeds and pages
			// among them are downloaded ahead
			@Override
			protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions)
					throws Exception {
				Set<StepExecution> ordered = new TreeSet<>(Comparator.comparing(StepExecution::getStepName));
				ordered.addAll(partitions);
				prefetch.start(manager.getJobExecutionId(), ordered.stream().map((step) -> source(step)).toList());
				try {
					return super.doHandle(manager, new LinkedHashSet<>(ordered));
				}
				finally {
					prefetch.stop(manager.getJobExecutionId());
				}
			}
		};
		inOrder.setStep(ingestSourceStep);
		inOrder.setTaskExecutor(new SyncTaskExecutor());
		return new StepBuilder(IngestJob.INGEST_STEP, jobRepository)
			.partitioner(IngestJob.SOURCE_STEP, sourcePartitioner)
			.step(ingestSourceStep)
			.partitionHandler(inOrder)
			.build();
	}

	@Bean
	@StepScope
	Partitioner sourcePartitioner(@Value("#{jobParameters['from']}") String from, IngestSettings settings) {
		List<SourceSpec> sources = SourceSpec.resolve(IngestJob.locations(from), settings.sources());
		return (gridSize) -> {
			Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
			for (int i = 0; i < sources.size(); i++) {
				SourceSpec source = sources.get(i);
				ExecutionContext context = new ExecutionContext();
				context.putString(LOCATION, source.location());
				context.putString(NAME, source.name());
				context.putString(TYPE, source.type().name());
				context.put("named", source.named());
				context.put(FULL_TEXT, source.fullText());
				partitions.put(partitionName(i, source.name()), context);
			}
			return partitions;
		};
	}

	private static SourceSpec source(StepExecution partition) {
		ExecutionContext context = partition.getExecutionContext();
		return new SourceSpec(context.getString(LOCATION), context.getString(NAME),
				SourceSpec.Type.valueOf(context.getString(TYPE)), Boolean.TRUE.equals(context.get("named")),
				Boolean.TRUE.equals(context.get(FULL_TEXT)));
	}

	static String partitionName(int index, String name) {
		String shown = (name.length() > 70) ? "…" + name.substring(name.length() - 69) : name;
		return String.format("%03d-%s", index + 1, shown);
	}

	@Bean
	Step ingestSourceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			IngestSettings settings, SourceReader sourceReader, StoryDesk storyDesk, RefusalRecorder refusalRecorder) {
		return new StepBuilder(IngestJob.SOURCE_STEP, jobRepository).<Incoming, StoryDesk.Story>chunk(
				settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(sourceReader)
			.processor(storyDesk)
			.writer(storyDesk)
			.faultTolerant()
			.skip(UnusableInputException.class)
			.skipLimit(Long.MAX_VALUE)
			.skipListener(refusalRecorder)
			// asks the store about a whole chunk before it is processed
			.listener(storyDesk)
			.build();
	}

	@Bean
	@StepScope
	SourceReader sourceReader(@Value("#{stepExecutionContext['location']}") String location,
			@Value("#{stepExecutionContext['name']}") String name,
			@Value("#{stepExecutionContext['type']}") String type,
			@Value("#{stepExecutionContext['named']}") boolean named,
			@Value("#{stepExecutionContext['fullText'] ?: false}") boolean fullText,
			@Value("#{stepExecution.jobExecutionId}") long jobExecutionId, IngestSettings settings, SourceStates states,
			Refusals refusals, SourcePrefetch prefetch, SourceHealth health, HostGates hosts) {
		return new SourceReader(new SourceSpec(location, name, SourceSpec.Type.valueOf(type), named, fullText),
				settings, states, refusals, jobExecutionId, prefetch, health, hosts);
	}

	@Bean
	@StepScope
	StoryDesk storyDesk(@Value("#{stepExecutionContext['location']}") String location,
			@Value("#{stepExecution.jobExecutionId}") long jobExecutionId, IngestSettings settings,
			StoredStories articles, SourceStates states, Refusals refusals) {
		return new StoryDesk(articles, states, refusals, states.of(location).id(), jobExecutionId, settings);
	}

	/**
	 * Writes the report line of every refused item and every source that could not be
	 * read.
	 */
	@Bean
	@StepScope
	RefusalRecorder refusalRecorder(@Value("#{stepExecution.jobExecutionId}") long jobExecutionId, Refusals refusals) {
		return new RefusalRecorder(jobExecutionId, refusals);
	}

	/**
	 * A named class rather than a lambda or an anonymous one: the ahead-of-time
	 * processing of the build writes its bean definition in this package, where its types
	 * are visible.
	 */
	static class RefusalRecorder implements SkipListener<Incoming, StoryDesk.Story> {

		private final long jobExecutionId;

		private final Refusals refusals;

		RefusalRecorder(long jobExecutionId, Refusals refusals) {
			this.jobExecutionId = jobExecutionId;
			this.refusals = refusals;
		}

		@Override
		public void onSkipInRead(Throwable failure) {
			record(failure);
		}

		@Override
		public void onSkipInProcess(Incoming item, Throwable failure) {
			record(failure);
		}

		private void record(Throwable failure) {
			if (failure instanceof UnusableInputException unusable) {
				this.refusals.add(this.jobExecutionId,
						new Refusals.Refusal(unusable.source(), unusable.item(), unusable.reason()));
			}
		}

	}

}
