package news.dispatch.run;

import org.springframework.batch.core.job.JobExecution;

/**
 * A job's run has started, in this process.
 */
public record RunStarted(JobExecution execution) {
}
