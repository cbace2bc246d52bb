package news.dispatch.run;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;

/**
 * A job's run has ended, in this process: completed, failed or stopped.
 *
 * @param failure the failure's one-sentence explanation, when it failed
 */
public record RunFinished(JobExecution execution, @Nullable String failure) {
}
