package news.dispatch.ingest;

import java.time.Instant;
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
	 * A source's identity in this store and the validators of its last fetch.
	 */
	record State(long id, @Nullable String etag, @Nullable String lastModified) {
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
		return this.jdbc.sql("select id, etag, last_modified from ingest_source where location = ?")
			.param(location)
			.query((rs, row) -> new State(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
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
