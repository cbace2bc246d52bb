package news.dispatch.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The article store. Each story is kept once: the same text (by hash) or nearly the same
 * text (by MinHash-found shingle similarity) from another source is one more appearance
 * of the stored story, not another story.
 */
@Repository
public class Articles {

	private static final String COLUMNS = "id, headline, body, url, source, published_at";

	/**
	 * The longest body the {@code article.body} column holds.
	 */
	static final int MAX_BODY_LENGTH = 1_000_000;

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

	/**
	 * The stored stories with these texts: their ids by content hash.
	 */
	Map<String, Long> idsOf(Collection<String> contentHashes) {
		Map<String, Long> ids = new HashMap<>();
		for (List<String> slice : InLists.slices(List.copyOf(new LinkedHashSet<>(contentHashes)))) {
			this.jdbc.sql("select id, content_hash from article where content_hash in (:hashes)")
				.param("hashes", slice)
				.query((rs) -> {
					ids.put(rs.getString(2), rs.getLong(1));
				});
		}
		return ids;
	}

	/**
	 * For each text, the stored story most like it, if one is at least
	 * {@code minSimilarity} alike, else null. Only stories holding one of the text's
	 * MinHash band keys are compared; the band keys of all the texts are looked up at
	 * once, and each candidate's text is read once. The keys found stored are added to
	 * {@code storedBands}, for {@link #add} to leave out.
	 */
	List<@Nullable Long> nearest(List<MinHash.Fingerprint> texts, double minSimilarity, Set<Long> storedBands) {
		Map<Long, Long> storyByBand = new HashMap<>();
		List<Long> bands = texts.stream()
			.flatMapToLong((text) -> Arrays.stream(text.bands()))
			.distinct()
			.boxed()
			.toList();
		for (List<Long> slice : InLists.slices(bands)) {
			this.jdbc.sql("select band, article_id from article_band where band in (:bands)")
				.param("bands", slice)
				.query((rs) -> {
					storyByBand.put(rs.getLong(1), rs.getLong(2));
				});
		}
		storedBands.addAll(storyByBand.keySet());
		Map<Long, long[]> candidates = new HashMap<>();
		List<Long> ids = storyByBand.values().stream().distinct().toList();
		for (List<Long> slice : InLists.slices(ids)) {
			this.jdbc.sql("select id, body from article where id in (:ids)").param("ids", slice).query((rs) -> {
				candidates.put(rs.getLong(1), MinHash.shingles(rs.getString(2)));
			});
		}
		List<@Nullable Long> nearest = new ArrayList<>(texts.size());
		for (MinHash.Fingerprint text : texts) {
			Set<Long> sharing = new TreeSet<>();
			for (long band : text.bands()) {
				Long id = storyByBand.get(band);
				if (id != null && candidates.containsKey(id)) {
					sharing.add(id);
				}
			}
			Long best = null;
			double bestSimilarity = minSimilarity;
			for (Long id : sharing) {
				double similarity = MinHash.similarity(text.shingles(), candidates.get(id));
				if (similarity >= bestSimilarity) {
					best = id;
					bestSimilarity = similarity;
				}
			}
			nearest.add(best);
		}
		return nearest;
	}

	/**
	 * A story to store, with the hash of its text and its MinHash band keys (null when it
	 * is too short to have them).
	 */
	record NewStory(ArticleDraft draft, String contentHash, long @Nullable [] bands) {
	}

	/**
	 * Stores new stories, in one batch, with their band keys in another. A band key
	 * belongs to the first story stored with it (see {@link BandKeyMigration}): the keys
	 * in {@code storedBands} (what {@link #nearest} found for these stories) and those an
	 * earlier story of the batch has are left out.
	 * @return the id of each story's text by content hash; a text that another run stored
	 * first has that story's id, and its story is not stored again
	 */
	Map<String, Long> add(List<NewStory> stories, Set<Long> storedBands, Instant now) {
		if (stories.isEmpty()) {
			return Map.of();
		}
		List<Object[]> storyRows = new ArrayList<>(stories.size());
		for (NewStory story : stories) {
			ArticleDraft draft = story.draft();
			Instant published = (draft.publishedAt() != null) ? draft.publishedAt() : now;
			storyRows.add(new Object[] { cut(draft.headline(), 1000), draft.body(),
					new SqlParameterValue(Types.VARCHAR, cutUrl(draft.url())), cut(draft.source(), 2000),
					cut(draft.item(), 2000), utc(published), utc(now), story.contentHash(),
					new SqlParameterValue(Types.VARCHAR, (draft.author() != null) ? cut(draft.author(), 300) : null),
					story.contentHash() });
		}
		int[] inserted = this.batch.batchUpdate("""
				insert into article (headline, body, url, source, source_item, published_at, ingested_at,
				  content_hash, author)
				select ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) one
				where not exists (select 1 from article where content_hash = ?)""", storyRows);
		Map<String, Long> ids = idsOf(stories.stream().map(NewStory::contentHash).toList());
		List<Object[]> bandRows = new ArrayList<>();
		Set<Long> taken = new HashSet<>(storedBands);
		for (int i = 0; i < stories.size(); i++) {
			NewStory story = stories.get(i);
			Long id = ids.get(story.contentHash());
			if (inserted[i] != 0 && id != null && story.bands() != null) {
				for (long band : story.bands()) {
					if (taken.add(band)) {
						bandRows.add(new Object[] { band, id });
					}
				}
			}
		}
		this.batch.batchUpdate("insert into article_band (band, article_id) values (?, ?)", bandRows);
		return ids;
	}

	/**
	 * Records, in one batch, that stories appeared in sources.
	 */
	void appeared(List<Appearance> appearances, Instant now) {
		List<Object[]> rows = new ArrayList<>();
		for (Appearance appearance : appearances) {
			rows.add(
					new Object[] { appearance.articleId(), cut(appearance.source(), 2000), cut(appearance.item(), 2000),
							new SqlParameterValue(Types.VARCHAR, cutUrl(appearance.url())), utc(now) });
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
