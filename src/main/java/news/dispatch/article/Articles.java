package news.dispatch.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The article store. Each story is kept once: the same text (by hash) or nearly the same
 * text (by MinHash-found shingle similarity) from another source is one more appearance
 * of the stored story, not another story.
 */
@Repository
public class Articles {

	private static final String COLUMNS = "id, headline, body, url, source, published_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	Articles(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
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

	@Nullable Long idOf(String contentHash) {
		return this.jdbc.sql("select id from article where content_hash = ?")
			.param(contentHash)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	boolean exists(String contentHash) {
		return idOf(contentHash) != null;
	}

	/**
	 * The stored story most like these shingles, if it is at least {@code minSimilarity}
	 * alike; only stories sharing a MinHash band key are compared.
	 */
	@Nullable Long nearest(long[] shingles, long[] bands, double minSimilarity) {
		List<Long> bandKeys = Arrays.stream(bands).boxed().toList();
		List<Long> ids = this.jdbc.sql("select distinct article_id from article_band where band in (:bands)")
			.param("bands", bandKeys)
			.query(Long.class)
			.list();
		List<Article> candidates = findAll(ids);
		Long best = null;
		double bestSimilarity = minSimilarity;
		for (Article candidate : candidates) {
			double similarity = MinHash.similarity(shingles, MinHash.shingles(candidate.body()));
			if (similarity >= bestSimilarity) {
				best = candidate.id();
				bestSimilarity = similarity;
			}
		}
		return best;
	}

	/**
	 * Stores the draft as a new story.
	 * @param bands its MinHash band keys, or null when it is too short to have them
	 * @return its id, or null when a story with the same text was stored first
	 */
	@Nullable Long add(ArticleDraft draft, long @Nullable [] bands, Instant now) {
		Instant published = (draft.publishedAt() != null) ? draft.publishedAt() : now;
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		try {
			this.jdbc.sql("""
					insert into article (headline, body, url, source, source_item, published_at, ingested_at,
					  content_hash, author)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(cut(draft.headline(), 1000), draft.body(), cutUrl(draft.url()), cut(draft.source(), 2000),
						cut(draft.item(), 2000), utc(published), utc(now), draft.contentHash(),
						(draft.author() != null) ? cut(draft.author(), 300) : null)
				.update(key, "id");
		}
		catch (DuplicateKeyException ex) {
			return null;
		}
		Long id = key.getKeyAs(Long.class);
		if (id != null && bands != null) {
			List<Object[]> rows = new ArrayList<>();
			for (long band : bands) {
				rows.add(new Object[] { band, id });
			}
			this.batch.batchUpdate("insert into article_band (band, article_id) values (?, ?)", rows);
		}
		return id;
	}

	/**
	 * Records that the story appeared in a source.
	 */
	void appeared(long articleId, String source, String item, @Nullable String url, Instant now) {
		appeared(List.of(new Appearance(articleId, source, item, url)), now);
	}

	/**
	 * Records, in one batch, that stories appeared in sources.
	 */
	void appeared(List<Appearance> appearances, Instant now) {
		List<Object[]> rows = new ArrayList<>();
		for (Appearance appearance : appearances) {
			rows.add(new Object[] { appearance.articleId(), cut(appearance.source(), 2000),
					cut(appearance.item(), 2000), cutUrl(appearance.url()), utc(now) });
		}
		this.batch.batchUpdate(
				"insert into article_appearance (article_id, source, item, url, seen_at) values (?, ?, ?, ?, ?)", rows);
	}

	/**
	 * A story's appearance in a source.
	 */
	record Appearance(long articleId, String source, String item, @Nullable String url) {
	}

	private static String cut(String text, int length) {
		return (text.length() > length) ? text.substring(0, length - 1) + "…" : text;
	}

	private static @Nullable String cutUrl(@Nullable String url) {
		return (url != null && url.length() <= 2000) ? url : null;
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
