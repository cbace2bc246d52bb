package news.dispatch.archive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import news.dispatch.article.Articles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which stories the archive shows, read from the stored matches (the
 * {@code article_match} table that matching fills): each query is a range of the (topic,
 * publication time) index, so a page costs the same with ten stories stored or a million.
 */
@Repository
class ArchiveStories {

	private final JdbcClient jdbc;

	ArchiveStories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many stories a topic has, and when the newest was published: what its pages and
	 * feeds change with.
	 *
	 * @param newest null when the topic has no story
	 * @param lastId the highest article id among them, 0 when none
	 */
	record State(long count, Optional<Instant> newest, long lastId) {
	}

	State state(long topicId) {
		return this.jdbc
			.sql("select count(*), max(published_at), max(article_id) from article_match where topic_id = ?")
			.param(topicId)
			.query((rs, row) -> {
				OffsetDateTime newest = rs.getObject(2, OffsetDateTime.class);
				return new State(rs.getLong(1), Optional.ofNullable(newest).map(OffsetDateTime::toInstant),
						rs.getLong(3));
			})
			.single();
	}

	/**
	 * The {@link State} of each of these topics that has a story.
	 */
	Map<Long, State> states(Collection<Long> topicIds) {
		Map<Long, State> states = new LinkedHashMap<>();
		if (topicIds.isEmpty()) {
			return states;
		}
		this.jdbc
			.sql("select topic_id, count(*), max(published_at), max(article_id) from article_match"
					+ " where topic_id in (:topics) group by topic_id")
			.param("topics", topicIds)
			.query((rs) -> {
				OffsetDateTime newest = rs.getObject(3, OffsetDateTime.class);
				states.put(rs.getLong(1), new State(rs.getLong(2),
						Optional.ofNullable(newest).map(OffsetDateTime::toInstant), rs.getLong(4)));
			});
		return states;
	}

	/**
	 * The ids of one page of a topic's stories, newest first.
	 */
	List<Long> page(long topicId, int offset, int size) {
		return this.jdbc
			.sql("select article_id from article_match where topic_id = ?"
					+ " order by published_at desc, article_id desc limit ? offset ?")
			.params(topicId, size, offset)
			.query(Long.class)
			.list();
	}

	/**
	 * The stories of these topics published in [from, to), by topic, newest first.
	 */
	Map<Long, List<Long>> published(Collection<Long> topicIds, Instant from, Instant to) {
		Map<Long, List<Long>> byTopic = new LinkedHashMap<>();
		if (topicIds.isEmpty()) {
			return byTopic;
		}
		this.jdbc
			.sql("select topic_id, article_id from article_match where topic_id in (:topics)"
					+ " and published_at >= :from and published_at < :to order by published_at desc, article_id desc")
			.param("topics", topicIds)
			.param("from", Articles.utc(from))
			.param("to", Articles.utc(to))
			.query((rs) -> {
				byTopic.computeIfAbsent(rs.getLong(1), (id) -> new java.util.ArrayList<>()).add(rs.getLong(2));
			});
		return byTopic;
	}

	/**
	 * Whether any of these topics has a story published in [from, to).
	 */
	boolean any(Collection<Long> topicIds, Instant from, Instant to) {
		if (topicIds.isEmpty()) {
			return false;
		}
		return this.jdbc
			.sql("select count(*) from (select article_id from article_match where topic_id in (:topics)"
					+ " and published_at >= :from and published_at < :to limit 1) hit")
			.param("topics", topicIds)
			.param("from", Articles.utc(from))
			.param("to", Articles.utc(to))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The articles that matched one of these topics, as a set of ids.
	 */
	java.util.BitSet onArchive(Collection<Long> topicIds) {
		java.util.BitSet ids = new java.util.BitSet();
		if (topicIds.isEmpty()) {
			return ids;
		}
		this.jdbc.sql("select article_id from article_match where topic_id in (:topics)")
			.param("topics", topicIds)
			.query((rs) -> {
				long id = rs.getLong(1);
				if (id <= Integer.MAX_VALUE) {
					ids.set((int) id);
				}
			});
		return ids;
	}

	/**
	 * The newest publication time among these topics' stories, if they have any.
	 */
	Optional<Instant> newest(Collection<Long> topicIds) {
		if (topicIds.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc.sql("select max(published_at) from article_match where topic_id in (:topics)")
			.param("topics", topicIds)
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
				.map(OffsetDateTime::toInstant))
			.single();
	}

}
