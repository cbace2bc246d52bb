package news.dispatch.run;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of each job's latest run as metrics, from the job repository, whichever
 * process ran them: {@code dispatch.step.items{job, step, kind}} (read, written, skipped,
 * committed), {@code dispatch.step.duration{job, step}} in seconds (so far, while the
 * step runs) and {@code dispatch.step.failed{job, step}} (1 when the step ended FAILED).
 * Read again every {@code dispatch.metrics.step-refresh} (default 10 s) while
 * {@code serve} runs; only {@code serve} has a metrics registry.
 */
@Component
public class StepMetrics implements MeterBinder, DisposableBean {

	private final JdbcClient jdbc;

	private final Duration refresh;

	private MultiGauge items;

	private MultiGauge durations;

	private MultiGauge failures;

	private ScheduledExecutorService refresher;

	StepMetrics(JdbcClient jdbc, @Value("${dispatch.metrics.step-refresh:10s}") Duration refresh) {
		this.jdbc = jdbc;
		this.refresh = refresh;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.items = MultiGauge.builder("dispatch.step.items")
			.description("Items of the step in its job's latest run, by kind: read, written, skipped, committed")
			.register(registry);
		this.durations = MultiGauge.builder("dispatch.step.duration")
			.baseUnit("seconds")
			.description("How long the step took in its job's latest run (so far, while it runs)")
			.register(registry);
		this.failures = MultiGauge.builder("dispatch.step.failed")
			.description("1 when the step failed in its job's latest run, else 0")
			.register(registry);
		refresh();
		this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "step-metrics");
			thread.setDaemon(true);
			return thread;
		});
		this.refresher.scheduleWithFixedDelay(this::refreshQuietly, this.refresh.toMillis(), this.refresh.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Reads the latest run's steps of every job again.
	 */
	public void refresh() {
		List<StepRow> steps = latestSteps();
		List<MultiGauge.Row<?>> itemRows = new ArrayList<>();
		List<MultiGauge.Row<?>> durationRows = new ArrayList<>();
		List<MultiGauge.Row<?>> failureRows = new ArrayList<>();
		for (StepRow step : steps) {
			Tags tags = Tags.of("job", step.job(), "step", step.step());
			itemRows.add(MultiGauge.Row.of(tags.and("kind", "read"), step.read()));
			itemRows.add(MultiGauge.Row.of(tags.and("kind", "written"), step.written()));
			itemRows.add(MultiGauge.Row.of(tags.and("kind", "skipped"), step.skipped()));
			itemRows.add(MultiGauge.Row.of(tags.and("kind", "committed"), step.committed()));
			durationRows.add(MultiGauge.Row.of(tags, step.seconds()));
			failureRows.add(MultiGauge.Row.of(tags, "FAILED".equals(step.status()) ? 1 : 0));
		}
		this.items.register(itemRows, true);
		this.durations.register(durationRows, true);
		this.failures.register(failureRows, true);
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			// the database is away for a moment: the metrics keep their last values
		}
	}

	private List<StepRow> latestSteps() {
		return this.jdbc.sql("""
				select i.job_name, s.step_name, s.status, s.read_count, s.write_count,
				       s.read_skip_count + s.process_skip_count + s.write_skip_count as skipped,
				       s.commit_count, s.start_time, s.end_time
				from batch_step_execution s
				join batch_job_execution e on e.job_execution_id = s.job_execution_id
				join batch_job_instance i on i.job_instance_id = e.job_instance_id
				where e.job_execution_id = (select max(e2.job_execution_id) from batch_job_execution e2
				    join batch_job_instance i2 on i2.job_instance_id = e2.job_instance_id
				    where i2.job_name = i.job_name)
				order by i.job_name, s.step_execution_id
				""").query((rs, row) -> {
			Timestamp start = rs.getTimestamp("start_time");
			Timestamp end = rs.getTimestamp("end_time");
			double seconds = (start != null)
					? Duration.between(start.toInstant(), (end != null) ? end.toInstant() : Instant.now()).toMillis()
							/ 1000.0
					: 0;
			return new StepRow(rs.getString("job_name"), rs.getString("step_name"), rs.getString("status"),
					rs.getLong("read_count"), rs.getLong("write_count"), rs.getLong("skipped"),
					rs.getLong("commit_count"), seconds);
		}).list();
	}

	@Override
	public void destroy() {
		if (this.refresher != null) {
			// no interrupt: one in the middle of a database read closes H2's file; the
			// refresh in hand finishes
			this.refresher.shutdown();
			try {
				this.refresher.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private record StepRow(String job, String step, String status, long read, long written, long skipped,
			long committed, double seconds) {
	}

}
