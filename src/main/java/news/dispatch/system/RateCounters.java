package news.dispatch.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counters of things done per bucket and fixed window ({@code rate_counter}), kept in the
 * shared database so that every instance counts against one limit and a restart forgets
 * nothing. Taking a hit is one conditional update, atomic on H2 and PostgreSQL alike, so
 * instances racing for the last hit of a window cannot both get it.
 */
@Repository
public class RateCounters {

	private final JdbcClient jdbc;

	private final Clock clock = Clock.systemUTC();

	RateCounters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts a hit in the bucket's current window if the window has fewer than
	 * {@code limit}.
	 * @return whether the hit was within the limit (and counted)
	 */
	public boolean take(String bucket, Duration window, int limit) {
		OffsetDateTime start = windowStart(window);
		for (int attempt = 0; attempt < 3; attempt++) {
			int updated = this.jdbc
				.sql("update rate_counter set hits = hits + 1" + " where bucket = ? and window_start = ? and hits < ?")
				.params(bucket, start, limit)
				.update();
			if (updated == 1) {
				return true;
			}
			if (hits(bucket, start) >= limit) {
				return false;
			}
			try {
				this.jdbc.sql("insert into rate_counter (bucket, window_start, window_end, hits) values (?, ?, ?, 1)")
					.params(bucket, start, start.plus(window))
					.update();
				return true;
			}
			catch (DuplicateKeyException ex) {
				// another instance made the row first: count on it
			}
		}
		return false;
	}

	/**
	 * Counts a hit whatever the count.
	 * @return the hits of the current window, this one included
	 */
	public int add(String bucket, Duration window) {
		take(bucket, window, Integer.MAX_VALUE);
		return hits(bucket, windowStart(window));
	}

	/**
	 * The hits of the bucket's current window.
	 */
	public int hits(String bucket, Duration window) {
		return hits(bucket, windowStart(window));
	}

	/**
	 * When the bucket's current window ends.
	 */
	public Instant windowEnd(Duration window) {
		return windowStart(window).plus(window).toInstant();
	}

	/**
	 * Forgets the bucket's counts (an editor who logged in has no failures left).
	 */
	public void clear(String bucket) {
		this.jdbc.sql("delete from rate_counter where bucket = ?").param(bucket).update();
	}

	/**
	 * Deletes the counters whose window ended before the moment.
	 * @return how many were deleted
	 */
	public int deleteEnded(Instant before) {
		return this.jdbc.sql("delete from rate_counter where window_end < ?")
			.param(before.atOffset(ZoneOffset.UTC))
			.update();
	}

	private int hits(String bucket, OffsetDateTime start) {
		return this.jdbc.sql("select hits from rate_counter where bucket = ? and window_start = ?")
			.params(bucket, start)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	private OffsetDateTime windowStart(Duration window) {
		long size = window.toMillis();
		long now = this.clock.millis();
		return Instant.ofEpochMilli(now - Math.floorMod(now, size)).atOffset(ZoneOffset.UTC);
	}

}
