package news.dispatch.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The article store. Each story is kept once, identified by the hash of its text.
 */
@Repository
public class Articles {

	private static final String COLUMNS = "id, headline, body, url, source, published_at";

	private final JdbcClient jdbc;

	Articles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Article> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from article where id = ?")
			.param(id)
			.query(Articles::article)
			.optional();
	}

	/**
	 * Articles published at or after {@code since}, newest first.
	 */
	public List<Article> publishedSince(Instant since, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from article where published_at >= ? order by published_at desc, id desc")
			.param(utc(since))
			.withMaxRows(limit)
			.query(Articles::article)
			.list();
	}

	public List<Article> findAll(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from article where id in (:ids) order by id")
			.param("ids", ids)
			.query(Articles::article)
			.list();
	}

	public long count() {
		return this.jdbc.sql("select count(*) from article").query(Long.class).single();
	}

	/**
	 * Articles published at or after {@code since} that were not matched under the given
	 * topic revision, in id order after {@code afterId}.
	 */
	public List<Article> unmatched(String revision, Instant since, long afterId, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from article"
					+ " where (matched_revision is null or matched_revision <> ?) and published_at >= ? and id > ?"
					+ " order by id")
			.params(revision, utc(since), afterId)
			.withMaxRows(limit)
			.query(Articles::article)
			.list();
	}

	/**
	 * Records that these articles were matched under the given topic revision.
	 */
	public void markMatched(List<Long> ids, String revision) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("update article set matched_revision = :revision where id in (:ids)")
				.param("revision", revision)
				.param("ids", ids)
				.update();
		}
	}

	boolean exists(String contentHash) {
		return this.jdbc.sql("select count(*) from article where content_hash = ?")
			.param(contentHash)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Stores the draft unless a story with the same text is already stored.
	 * @return whether it was stored
	 */
	boolean add(ArticleDraft draft, Instant now) {
		Instant published = (draft.publishedAt() != null) ? draft.publishedAt() : now;
		return this.jdbc.sql("""
				insert into article (headline, body, url, source, source_item, published_at, ingested_at, content_hash)
				select ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) one
				where not exists (select 1 from article where content_hash = ?)
				""")
			.params(draft.headline(), draft.body(), draft.url(), draft.source(), draft.item(), utc(published), utc(now),
					draft.contentHash(), draft.contentHash())
			.update() > 0;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static Article article(ResultSet rs, int row) throws SQLException {
		return new Article(rs.getLong("id"), rs.getString("headline"), rs.getString("body"), rs.getString("url"),
				rs.getString("source"), instant(rs, "published_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		@Nullable OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : Instant.EPOCH;
	}

}
