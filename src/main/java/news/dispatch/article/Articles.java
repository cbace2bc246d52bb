package news.dispatch.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored stories, as the features after ingest read them: by id, by time, those not
 * yet matched under a topic revision, and where else each appeared. Ingest writes them
 * (each story once, see {@code news.dispatch.ingest}).
 */
@Repository
public class Articles {

	private static final String COLUMNS = "id, headline, body, url, source, published_at, place";

	/**
	 * The longest body the {@code article.body} column holds.
	 */
	public static final int MAX_BODY_LENGTH = 1_000_000;

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

	/**
	 * Articles published at or after {@code since}, in id order after {@code afterId},
	 * whether or not they were matched.
	 */
	public List<Article> publishedSince(Instant since, long afterId, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from article where published_at >= ? and id > ? order by id")
			.params(utc(since), afterId)
			.withMaxRows(limit)
			.query(Articles::article)
			.list();
	}

	/**
	 * The topic revision each of these articles was last matched under; an article never
	 * matched is absent.
	 */
	public Map<Long, String> matchedRevisions(List<Long> ids) {
		Map<Long, String> revisions = new LinkedHashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc
				.sql("select id, matched_revision from article where id in (:ids) and matched_revision is not null")
				.param("ids", ids)
				.query((rs) -> {
					revisions.put(rs.getLong(1), rs.getString(2));
				});
		}
		return revisions;
	}

	/**
	 * Where else each story appeared: the names of the other sources that carried it, in
	 * the order they did, without the story's own source.
	 */
	public Map<Long, List<String>> alsoIn(List<Long> ids) {
		Map<Long, List<String>> alsoIn = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return alsoIn;
		}
		this.jdbc.sql("""
				select p.article_id, p.source from article_appearance p join article a on a.id = p.article_id
				where p.article_id in (:ids) and p.source <> a.source order by p.id""")
			.param("ids", ids)
			.query((rs) -> {
				List<String> sources = alsoIn.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>());
				if (!sources.contains(rs.getString(2))) {
					sources.add(rs.getString(2));
				}
			});
		return alsoIn;
	}

	/**
	 * An instant as the {@code timestamp with time zone} columns take it.
	 */
	public static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Article article(ResultSet rs, int row) throws SQLException {
		return new Article(rs.getLong("id"), rs.getString("headline"), rs.getString("body"), rs.getString("url"),
				rs.getString("source"), instant(rs, "published_at"), rs.getString("place"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		@Nullable OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : Instant.EPOCH;
	}

}
