package news.dispatch.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import news.dispatch.article.Articles;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each source gave before: the validators of its last complete fetch (for a
 * conditional GET) and the keys of the items it gave, so a rerun takes only what is new.
 */
@Repository
class SourceStates {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	SourceStates(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/**
	 * A source's identity in this store, the validators of its last fetch, when it may be
	 * read again and how it has been failing.
	 *
	 * @param nextAttemptAt not read before this; null: at the next run
	 * @param waitReason why it waits (see {@link SourceHealth})
	 * @param failures failures in a row
	 * @param failingSince the first of them
	 */
	record State(long id, @Nullable String etag, @Nullable String lastModified, @Nullable Instant nextAttemptAt,
			@Nullable String waitReason, int failures, @Nullable Instant failingSince, @Nullable Instant reportedAt,
			@Nullable String lastError) {

		State(long id, @Nullable String etag, @Nullable String lastModified) {
			this(id, etag, lastModified, null, null, 0, null, null, null);
		}

		boolean due(Instant now) {
			return this.nextAttemptAt == null || !now.isBefore(this.nextAttemptAt);
		}

	}

	State of(String location) {
		List<State> found = find(location);
		if (found.isEmpty()) {
			try {
				this.jdbc.sql("insert into ingest_source (location) values (?)").param(location).update();
			}
			catch (DuplicateKeyException ex) {
				// another run added it first
			}
			found = find(location);
		}
		return found.get(0);
	}

	private List<State> find(String location) {
		return this.jdbc
			.sql("select id, etag, last_modified, next_attempt_at, wait_reason, failures, failing_since, reported_at,"
					+ " last_error from ingest_source where location = ?")
			.param(location)
			.query((rs, row) -> new State(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4),
					rs.getString(5), rs.getInt(6), instant(rs, 7), instant(rs, 8), rs.getString(9)))
			.list();
	}

	static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? Articles.utc(instant) : null;
	}

	/**
	 * The source was read: its failures are over, and it is not read again before
	 * {@code next} (null: at the next run).
	 */
	void succeeded(long sourceId, Instant now, @Nullable Instant next, @Nullable String reason) {
		this.jdbc
			.sql("update ingest_source set last_success_at = ?, failures = 0, failing_since = null, reported_at = null,"
					+ " next_attempt_at = ?, wait_reason = ? where id = ?")
			.params(Articles.utc(now), utc(next), reason, sourceId)
			.update();
	}

	/**
	 * The source could not be read: one failure more, and it is not read again before
	 * {@code next}.
	 */
	void failed(long sourceId, Instant now, String error, @Nullable Instant next, @Nullable String reason) {
		this.jdbc
			.sql("update ingest_source set failures = failures + 1, failing_since = coalesce(failing_since, ?),"
					+ " last_error = ?, last_error_at = ?, next_attempt_at = ?, wait_reason = ? where id = ?")
			.params(Articles.utc(now), (error.length() > 2000) ? error.substring(0, 1999) + "…" : error,
					Articles.utc(now), utc(next), reason, sourceId)
			.update();
	}

	/**
	 * The operator was told that the source has been failing too long.
	 */
	void reported(long sourceId, Instant now) {
		this.jdbc.sql("update ingest_source set reported_at = ? where id = ?")
			.params(Articles.utc(now), sourceId)
			.update();
	}

	void fetched(long sourceId, @Nullable String etag, @Nullable String lastModified, Instant now) {
		this.jdbc.sql("update ingest_source set etag = ?, last_modified = ?, fetched_at = ? where id = ?")
			.params(etag, lastModified, Articles.utc(now), sourceId)
			.update();
	}

	/**
	 * Which of these keys the source gave before. The keys are joined as a table of
	 * values rather than asked with {@code in (…)}: H2 uses an index for an {@code in}
	 * list only on its first column, and would read every key the source ever gave.
	 */
	Set<String> seen(long sourceId, List<String> keys) {
		Map<String, String> byHash = new HashMap<>();
		keys.forEach((key) -> byHash.put(hash(key), key));
		Set<String> seen = new HashSet<>();
		for (List<String> slice : InLists.slices(List.copyOf(byHash.keySet()))) {
			List<Object> params = new ArrayList<>(slice.size() + 1);
			params.addAll(slice);
			params.add(sourceId);
			this.jdbc
				.sql("select s.item_key from (values " + InLists.rows(slice.size()) + ") k (item_key)"
						+ " join ingest_seen s on s.item_key = k.item_key and s.source_id = ?")
				.params(params)
				.query(String.class)
				.list()
				.forEach((hash) -> seen.add(byHash.get(hash)));
		}
		return seen;
	}

	void markSeen(long sourceId, Collection<String> keys) {
		List<Object[]> rows = new ArrayList<>();
		for (String key : new LinkedHashSet<>(keys)) {
			String hash = hash(key);
			rows.add(new Object[] { sourceId, hash, sourceId, hash });
		}
		this.batch.batchUpdate("insert into ingest_seen (source_id, item_key) select ?, ? from (values (1)) one"
				+ " where not exists (select 1 from ingest_seen where source_id = ? and item_key = ?)", rows);
	}

	private static String hash(String key) {
		return ArticleDraft.sha256(key);
	}

}
