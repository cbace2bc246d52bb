package news.dispatch.run;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Job runs as metrics, from the job repository: {@code dispatch.job.runs{job, status}}
 * counts runs by outcome, whichever process ran them, and
 * {@code dispatch.job.last.completed{job}} is when each job last completed (epoch
 * seconds), for an alert when a job has not completed for too long.
 */
@Component
class JobMetrics implements MeterBinder {

	private static final List<String> JOBS = List.of("ingest", "digest");

	private final JdbcClient jdbc;

	JobMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String job : JOBS) {
			for (BatchStatus status : List.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED,
					BatchStatus.STARTED, BatchStatus.ABANDONED)) {
				Gauge.builder("dispatch.job.runs", () -> runs(job, status))
					.tag("job", job)
					.tag("status", status.name())
					.description("Runs of the job in this status")
					.register(registry);
			}
			Gauge.builder("dispatch.job.last.completed", () -> lastCompleted(job))
				.tag("job", job)
				.description("When the job last completed, in seconds since the epoch (0: never)")
				.register(registry);
		}
	}

	private long runs(String job, BatchStatus status) {
		return this.jdbc
			.sql("select count(*) from batch_job_execution e join batch_job_instance i"
					+ " on i.job_instance_id = e.job_instance_id where i.job_name = ? and e.status = ?")
			.params(job, status.name())
			.query(Long.class)
			.single();
	}

	private double lastCompleted(String job) {
		return this.jdbc
			.sql("select max(e.end_time) from batch_job_execution e join batch_job_instance i"
					+ " on i.job_instance_id = e.job_instance_id where i.job_name = ? and e.status = 'COMPLETED'")
			.param(job)
			.query(java.sql.Timestamp.class)
			.optional()
			.map((time) -> time.toInstant().getEpochSecond() * 1.0)
			.orElse(0.0);
	}

}
