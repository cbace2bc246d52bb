package news.dispatch.topic;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which topics each article matched, with the score and the passage that shows why.
 */
@Repository
public class ArticleMatches {

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	ArticleMatches(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Replaces the matches of these articles with the given ones.
	 */
	void replace(Map<Long, Instant> published, List<TopicMatch> matches) {
		if (published.isEmpty()) {
			return;
		}
		this.jdbc.sql("delete from article_match where article_id in (:ids)").param("ids", published.keySet()).update();
		this.jdbc.sql("delete from keyword_match where article_id in (:ids)").param("ids", published.keySet()).update();
		// with subscribers' keywords an article can have hundreds of matches: insert them
		// in JDBC batches
		List<Object[]> topicRows = new ArrayList<>();
		List<Object[]> keywordRows = new ArrayList<>();
		for (TopicMatch match : matches) {
			Object[] row = { match.articleId(), QueryIds.owner(match.queryId()), match.score(), match.snippet(),
					Passage.encode(match.highlights()), published.get(match.articleId()).atOffset(ZoneOffset.UTC) };
			(QueryIds.isKeywords(match.queryId()) ? keywordRows : topicRows).add(row);
		}
		insert("article_match (article_id, topic_id", topicRows);
		insert("keyword_match (article_id, subscriber_id", keywordRows);
	}

	/**
	 * The queries each of these articles is stored as matching, as monitor query ids
	 * ({@link QueryIds}): its topics and the subscribers whose keywords it matched.
	 */
	Map<Long, Set<String>> storedQueryIds(Collection<Long> articleIds) {
		Map<Long, Set<String>> stored = new HashMap<>();
		if (articleIds.isEmpty()) {
			return stored;
		}
		this.jdbc.sql("select article_id, topic_id from article_match where article_id in (:ids)")
			.param("ids", articleIds)
			.query((rs) -> {
				stored.computeIfAbsent(rs.getLong(1), (id) -> new TreeSet<>()).add(QueryIds.topic(rs.getLong(2)));
			});
		this.jdbc.sql("select article_id, subscriber_id from keyword_match where article_id in (:ids)")
			.param("ids", articleIds)
			.query((rs) -> {
				stored.computeIfAbsent(rs.getLong(1), (id) -> new TreeSet<>()).add(QueryIds.keywords(rs.getLong(2)));
			});
		return stored;
	}

	private void insert(String tableAndKeys, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			this.batches.batchUpdate("insert into " + tableAndKeys
					+ ", score, snippet, highlights, published_at) values (?, ?, ?, ?, ?, ?)", rows);
		}
	}

	/**
	 * An article that matched one of the given topics, or a subscriber's own keywords.
	 *
	 * @param topicId the topic; {@code null} for a match of the subscriber's keywords
	 */
	public record Candidate(long articleId, @Nullable Long topicId, double score, Instant publishedAt) {
	}

	/**
	 * Every match of one subscriber's own keywords with an article published at or after
	 * {@code since}, best score first, then newest; their {@code topicId} is null.
	 */
	public List<Candidate> keywordCandidates(long subscriberId, Instant since) {
		return this.jdbc.sql("select article_id, score, published_at from keyword_match"
				+ " where subscriber_id = :subscriber and published_at >= :since order by score desc, published_at desc, article_id")
			.param("subscriber", subscriberId)
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query((rs, row) -> new Candidate(rs.getLong(1), null, rs.getDouble(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * The matches of the own keywords of the subscribers {@code fromSubscriber} to
	 * {@code toSubscriber} with articles published at or after {@code since}, by
	 * subscriber: {@link #keywordCandidates(long, Instant)} for a range of subscribers in
	 * one query. A subscriber with none is absent.
	 */
	public Map<Long, List<Candidate>> keywordCandidates(long fromSubscriber, long toSubscriber, Instant since) {
		Map<Long, List<Candidate>> candidates = new HashMap<>();
		this.jdbc
			.sql("select subscriber_id, article_id, score, published_at from keyword_match"
					+ " where subscriber_id between :from and :to and published_at >= :since")
			.param("from", fromSubscriber)
			.param("to", toSubscriber)
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query((rs) -> {
				candidates.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>())
					.add(new Candidate(rs.getLong(2), null, rs.getDouble(3),
							rs.getObject(4, OffsetDateTime.class).toInstant()));
			});
		return candidates;
	}

	/**
	 * The passages in which these articles matched one subscriber's own keywords, by
	 * article id.
	 */
	public Map<Long, Passage> keywordPassages(long subscriberId, Collection<Long> articleIds) {
		if (articleIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, Passage> passages = new LinkedHashMap<>();
		this.jdbc
			.sql("select article_id, snippet, highlights from keyword_match"
					+ " where subscriber_id = :subscriber and article_id in (:ids)")
			.param("subscriber", subscriberId)
			.param("ids", articleIds)
			.query((rs) -> {
				passages.put(rs.getLong(1), new Passage(rs.getString(2), Passage.decode(rs.getString(3))));
			});
		return passages;
	}

	/**
	 * Every match of the given topics with an article published at or after
	 * {@code since}, best score first, then newest.
	 */
	public List<Candidate> candidates(Collection<Long> topicIds, Instant since) {
		if (topicIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select article_id, topic_id, score, published_at from article_match"
				+ " where topic_id in (:topics) and published_at >= :since order by score desc, published_at desc, article_id")
			.param("topics", topicIds)
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query((rs, row) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getDouble(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * The names of the topics each article matched, best match first.
	 */
	public Map<Long, List<String>> topicNames(Collection<Long> articleIds) {
		if (articleIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, List<String>> names = new LinkedHashMap<>();
		this.jdbc
			.sql("select m.article_id, t.name from article_match m join topic t on t.id = m.topic_id"
					+ " where m.article_id in (:ids) order by m.article_id, m.score desc, t.name")
			.param("ids", articleIds)
			.query((rs) -> {
				names.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(rs.getString(2));
			});
		return names;
	}

	/**
	 * The matches of these articles, keyed by article and then by topic id.
	 */
	public Map<Long, Map<Long, Match>> find(Collection<Long> articleIds) {
		if (articleIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc
			.sql("select article_id, topic_id, score, snippet, highlights from article_match"
					+ " where article_id in (:ids)")
			.param("ids", articleIds)
			.query((rs, row) -> new Match(rs.getLong(1), rs.getLong(2), rs.getDouble(3),
					new Passage(rs.getString(4), Passage.decode(rs.getString(5)))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Match::articleId, Collectors.toMap(Match::topicId, (m) -> m)));
	}

	/**
	 * An article's match with a topic.
	 *
	 * @param score higher is more about the topic
	 * @param passage the text that matched, with the matched words marked
	 */
	public record Match(long articleId, long topicId, double score, Passage passage) {
	}

	/**
	 * The subscribers whose own keywords matched this article, in id order.
	 */
	public List<Long> keywordSubscribers(long articleId) {
		return this.jdbc.sql("select subscriber_id from keyword_match where article_id = ? order by subscriber_id")
			.param(articleId)
			.query(Long.class)
			.list();
	}

	/**
	 * Forgets what a subscriber's own keywords matched (the subscriber is being erased).
	 */
	public void forgetKeywordMatches(long subscriberId) {
		this.jdbc.sql("delete from keyword_match where subscriber_id = ?").param(subscriberId).update();
	}

}
