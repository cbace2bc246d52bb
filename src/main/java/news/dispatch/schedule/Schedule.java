package news.dispatch.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * A job's schedule, from the {@code schedule} block of its {@code job.yml}: when it runs,
 * read in which time zone.
 *
 * @param job the job's folder name under {@code jobs/} ({@code ingest}, {@code digest})
 * @param cron when it runs (six fields: second minute hour day month weekday)
 * @param zone the zone the cron expression is read in
 * @param file where it was read from
 */
record Schedule(String job, CronExpression cron, ZoneId zone, Path file) {

	/**
	 * The first moment the schedule fires after {@code after}, or null if never.
	 */
	@Nullable Instant next(Instant after) {
		var next = this.cron.next(after.atZone(this.zone));
		return (next != null) ? next.toInstant() : null;
	}

}
