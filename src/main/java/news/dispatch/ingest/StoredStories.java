package news.dispatch.ingest;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import news.dispatch.article.Articles;

/**
 * Where ingest stores stories, each once: the same text (by hash) or nearly the same text
 * (by MinHash-found shingle similarity) from another source is one more appearance of the
 * stored story, not another story.
 */
@Repository
class StoredStories {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	StoredStories(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
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
	 * belongs to the first story stored with it (see {@link V20__BandKeys}): the keys in
	 * {@code storedBands} (what {@link #nearest} found for these stories) and those an
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
					cut(draft.item(), 2000), Articles.utc(published), Articles.utc(now), story.contentHash(),
					new SqlParameterValue(Types.VARCHAR, (draft.author() != null) ? cut(draft.author(), 300) : null),
					new SqlParameterValue(Types.VARCHAR, (draft.place() != null) ? cut(draft.place(), 200) : null),
					story.contentHash() });
		}
		int[] inserted = this.batch.batchUpdate("""
				insert into article (headline, body, url, source, source_item, published_at, ingested_at,
				  content_hash, author, place)
				select ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) one
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
							new SqlParameterValue(Types.VARCHAR, cutUrl(appearance.url())), Articles.utc(now) });
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

}
