package news.dispatch.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which subscribers an hourly digest run has considered for which local day: each once,
 * whether they had something new or not, so a subscriber with nothing new at their hour
 * gets no digest later that day, and a repeated hour (the fall-back day) sends nothing
 * more.
 */
@Repository
class DigestRounds {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	DigestRounds(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/**
	 * Of these subscribers and editions, the pairs already considered, as
	 * {@code "subscriberId/edition"}.
	 */
	Set<String> considered(long fromSubscriber, long toSubscriber, Collection<String> editions) {
		Set<String> done = new HashSet<>();
		this.jdbc
			.sql("select subscriber_id, edition_key from digest_round where subscriber_id between :from and :to"
					+ " and edition_key in (:editions)")
			.param("from", fromSubscriber)
			.param("to", toSubscriber)
			.param("editions", editions)
			.query((rs) -> {
				done.add(rs.getLong(1) + "/" + rs.getString(2));
			});
		return done;
	}

	void record(List<Long> subscriberIds, String edition, Instant now) {
		this.batch.batchUpdate("insert into digest_round (subscriber_id, edition_key, considered_at) values (?, ?, ?)",
				subscriberIds.stream()
					.map((id) -> new Object[] { id, edition, now.atOffset(ZoneOffset.UTC) })
					.toList());
	}

}
