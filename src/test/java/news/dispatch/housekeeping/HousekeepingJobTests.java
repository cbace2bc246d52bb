package news.dispatch.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The housekeeping job on a real H2 file database: sign-ups not confirmed within
 * {@code dispatch.links.confirm} and rate-limit counters whose window has ended are
 * deleted; a sign-up still in time, a confirmed reader of any age and a counter still in
 * its window stay.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/housekeeping", "dispatch.links.confirm=48h" },
		smtp = FunctionalTest.Smtp.DOWN)
@Tag("postgres")
class HousekeepingJobTests {

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Test
	void expiredSignUpsAndEndedCountersAreDeletedAndTheRestStays() {
		// given: sign-ups and readers of every kind, and counters ended and running
		Instant now = Instant.now();
		subscriber("expired.signup@example.net", "PENDING", now.minus(Duration.ofHours(49)));
		subscriber("recent.signup@example.net", "PENDING", now.minus(Duration.ofHours(47)));
		subscriber("old.reader@example.net", "ACTIVE", now.minus(Duration.ofDays(400)));
		subscriber("old.leaver@example.net", "UNSUBSCRIBED", now.minus(Duration.ofDays(400)));
		counter("signup:198.51.100.7", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
		counter("login:editor", now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofSeconds(5)));
		counter("signup:203.0.113.9", now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(50)));

		// when
		Cli.Result result = this.cli.run("housekeeping");

		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("Deleted 1 expired sign-up and 2 ended rate-limit counters.");
		assertThat(this.jdbc.sql("select email from subscriber order by email").query(String.class).list())
			.containsExactly("old.leaver@example.net", "old.reader@example.net", "recent.signup@example.net");
		assertThat(this.jdbc.sql("select bucket from rate_counter").query(String.class).list())
			.containsExactly("signup:203.0.113.9");

		// and a second run finds nothing left to delete
		assertThat(this.cli.run("housekeeping").out())
			.contains("Deleted 0 expired sign-ups and 0 ended rate-limit counters.");
	}

	private void subscriber(String email, String status, Instant createdAt) {
		this.jdbc
			.sql("insert into subscriber (email, frequency, time_zone, send_hour, alerts, status, created_at)"
					+ " values (?, 'DAILY', 'UTC', 7, false, ?, ?)")
			.params(email, status, createdAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	private void counter(String bucket, Instant start, Instant end) {
		OffsetDateTime from = start.atOffset(ZoneOffset.UTC);
		this.jdbc.sql("insert into rate_counter (bucket, window_start, window_end, hits) values (?, ?, ?, 3)")
			.params(bucket, from, end.atOffset(ZoneOffset.UTC))
			.update();
	}

}
