package news.dispatch.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the ledger says subscribers were given before an edition is planned: the articles
 * they already had, so none is repeated, and when they were last planned a message of a
 * kind, which a per-day cap counts.
 */
@Repository
public class EarlierPlans {

	private final JdbcClient jdbc;

	EarlierPlans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Which of these articles each of these subscribers has had, or will have, in another
	 * message (planned, sent or to be retried). Read from the subscribers' messages (a
	 * range of subscriber ids, off an index that starts with {@code subscriber_id}), then
	 * their articles by message and by group: asked by article, the database would read
	 * every message that ever carried one of them.
	 */
	public Map<Long, Set<Long>> alreadyGiven(List<Long> subscriberIds, Collection<Long> articleIds) {
		Map<Long, Set<Long>> given = new HashMap<>();
		if (subscriberIds.isEmpty() || articleIds.isEmpty()) {
			return given;
		}
		Set<Long> wanted = new HashSet<>(subscriberIds);
		Set<Long> articles = new HashSet<>(articleIds);
		Map<Long, Long> ownLists = new HashMap<>();
		Map<Long, List<Long>> groups = new HashMap<>();
		this.jdbc
			.sql("select id, subscriber_id, group_id from delivery where subscriber_id between ? and ?"
					+ " and status in ('PENDING', 'RETRY', 'SENT')")
			.params(Collections.min(wanted), Collections.max(wanted))
			.query((rs) -> {
				long subscriber = rs.getLong(2);
				if (wanted.contains(subscriber)) {
					long group = rs.getLong(3);
					if (rs.wasNull()) {
						ownLists.put(rs.getLong(1), subscriber);
					}
					else {
						groups.computeIfAbsent(group, (id) -> new ArrayList<>()).add(subscriber);
					}
				}
			});
		inBatches(ownLists.keySet(), "select delivery_id, article_id from delivery_item where delivery_id in (:ids)",
				(delivery, article) -> {
					if (articles.contains(article)) {
						given.computeIfAbsent(ownLists.get(delivery), (id) -> new HashSet<>()).add(article);
					}
				});
		inBatches(groups.keySet(), "select group_id, article_id from delivery_group_item where group_id in (:ids)",
				(group, article) -> {
					if (articles.contains(article)) {
						groups.get(group)
							.forEach((subscriber) -> given.computeIfAbsent(subscriber, (id) -> new HashSet<>())
								.add(article));
					}
				});
		return given;
	}

	private void inBatches(Collection<Long> ids, String sql, BiConsumer<Long, Long> row) {
		List<Long> all = List.copyOf(ids);
		for (int from = 0; from < all.size(); from += 1000) {
			this.jdbc.sql(sql).param("ids", all.subList(from, Math.min(all.size(), from + 1000))).query((rs) -> {
				row.accept(rs.getLong(1), rs.getLong(2));
			});
		}
	}

	/**
	 * When each of these subscribers was planned a message of this kind (to be sent,
	 * sent, or to be retried) at or after {@code since}, other than the message of
	 * edition {@code exceptKey}: what a per-day cap counts.
	 */
	public Map<Long, List<Instant>> plannedSince(Collection<Long> subscriberIds, Instant since, LedgerKey except) {
		Map<Long, List<Instant>> planned = new HashMap<>();
		List<Long> ids = List.copyOf(subscriberIds);
		for (int from = 0; from < ids.size(); from += 1000) {
			this.jdbc
				.sql("select subscriber_id, planned_at from delivery where subscriber_id in (:ids) and kind = :kind"
						+ " and planned_at >= :since and edition_key <> :key and status in ('PENDING', 'RETRY', 'SENT')")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.param("kind", except.kind().column())
				.param("since", since.atOffset(ZoneOffset.UTC))
				.param("key", except.key())
				.query((rs) -> {
					planned.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>())
						.add(rs.getObject(2, OffsetDateTime.class).toInstant());
				});
		}
		return planned;
	}

}
