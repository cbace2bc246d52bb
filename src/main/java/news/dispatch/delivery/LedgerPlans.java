package news.dispatch.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Planning an edition into the deliveries ledger: a PENDING (or HELD, CAPPED) row per
 * message, each with a deterministic Message-ID, and the articles each message carries,
 * written once per group of readers who get the same ones; and reading those articles
 * back when the messages are composed.
 */
@Repository
public class LedgerPlans {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final String messageIdDomain;

	LedgerPlans(JdbcClient jdbc, JdbcTemplate batch, MailSettings settings) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.messageIdDomain = settings.messageIdDomain();
	}

	/**
	 * An article a planned message carries, under the topic it is listed for.
	 */
	public record Item(long articleId, @Nullable Long topicId) {
	}

	/**
	 * One message to plan: who gets it and what it carries.
	 */
	public record Planned(long subscriberId, List<Item> items) {
	}

	/**
	 * Plans several messages of one edition in a few batched statements; a message the
	 * ledger already has is left as it is.
	 * @return how many were planned
	 */
	public int planAll(LedgerKey ledger, List<Planned> messages) {
		return planAll(ledger, messages, DeliveryStatus.PENDING);
	}

	/**
	 * Plans several messages of one edition in the given status: PENDING to be sent, or
	 * HELD or CAPPED to record that they were decided against (the ledger then says why
	 * the reader got nothing, and planning again leaves them as they are).
	 * @return how many were planned
	 */
	public int planAll(LedgerKey ledger, List<Planned> messages, DeliveryStatus status) {
		if (messages.isEmpty()) {
			return 0;
		}
		Set<Long> existing = planned(ledger, messages.stream().map(Planned::subscriberId).toList());
		return insertOwn(ledger, messages.stream().filter((m) -> !existing.contains(m.subscriberId())).toList(),
				status);
	}

	/**
	 * Messages of one edition that carry the same articles in the same order: the ledger
	 * keeps the list once for all of them.
	 */
	public record Group(List<Item> items, List<Long> subscriberIds) {
	}

	/**
	 * Plans an edition's messages to be sent (PENDING): each group's articles written
	 * once and a ledger row per reader pointing to them, in JDBC batches; the others with
	 * their own article lists, as {@link #planAll(LedgerKey, List)}. A message the ledger
	 * already has is left as it is.
	 * @return how many were planned
	 */
	public int planGroups(LedgerKey ledger, List<Group> groups, List<Planned> own) {
		List<Long> everyone = new ArrayList<>();
		groups.forEach((group) -> everyone.addAll(group.subscriberIds()));
		own.forEach((message) -> everyone.add(message.subscriberId()));
		if (everyone.isEmpty()) {
			return 0;
		}
		Set<Long> existing = planned(ledger, everyone);
		int count = insertOwn(ledger, own.stream().filter((m) -> !existing.contains(m.subscriberId())).toList(),
				DeliveryStatus.PENDING);
		OffsetDateTime now = now();
		for (Group group : groups) {
			List<Long> fresh = group.subscriberIds().stream().filter((id) -> !existing.contains(id)).toList();
			if (fresh.isEmpty() || group.items().isEmpty()) {
				continue;
			}
			long groupId = insertGroup(ledger, group.items(), now);
			String kind = ledger.kind().column();
			String key = ledger.key();
			this.batch.batchUpdate("insert into delivery (kind, edition_key, subscriber_id, status, attempts,"
					+ " message_id, planned_at, updated_at, group_id) values (?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)",
					new BatchPreparedStatementSetter() {

						@Override
						public void setValues(PreparedStatement statement, int i) throws SQLException {
							long subscriber = fresh.get(i);
							statement.setString(1, kind);
							statement.setString(2, key);
							statement.setLong(3, subscriber);
							statement.setString(4, messageId(ledger, subscriber));
							statement.setObject(5, now);
							statement.setObject(6, now);
							statement.setLong(7, groupId);
						}

						@Override
						public int getBatchSize() {
							return fresh.size();
						}

					});
			count += fresh.size();
		}
		return count;
	}

	private long insertGroup(LedgerKey ledger, List<Item> items, OffsetDateTime now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("insert into delivery_group (kind, edition_key, planned_at) values (?, ?, ?)")
			.params(ledger.kind().column(), ledger.key(), now)
			.update(key, "id");
		long groupId = key.getKeyAs(Number.class).longValue();
		List<Object[]> rows = new ArrayList<>();
		int position = 0;
		for (Item item : items) {
			rows.add(new Object[] { groupId, item.articleId(), item.topicId(), position++ });
		}
		this.batch.batchUpdate(
				"insert into delivery_group_item (group_id, article_id, topic_id, position) values (?, ?, ?, ?)", rows);
		return groupId;
	}

	private int insertOwn(LedgerKey ledger, List<Planned> fresh, DeliveryStatus status) {
		if (fresh.isEmpty()) {
			return 0;
		}
		OffsetDateTime now = now();
		this.batch.batchUpdate(
				"insert into delivery (kind, edition_key, subscriber_id, status, attempts, message_id, planned_at, updated_at)"
						+ " values (?, ?, ?, ?, 0, ?, ?, ?)",
				fresh.stream()
					.map((m) -> new Object[] { ledger.kind().column(), ledger.key(), m.subscriberId(), status.name(),
							messageId(ledger, m.subscriberId()), now, now })
					.toList());
		Map<Long, Long> ids = ids(ledger, fresh);
		List<Object[]> items = new ArrayList<>();
		for (Planned message : fresh) {
			int position = 0;
			for (Item item : message.items()) {
				items.add(
						new Object[] { ids.get(message.subscriberId()), item.articleId(), item.topicId(), position++ });
			}
		}
		this.batch.batchUpdate(
				"insert into delivery_item (delivery_id, article_id, topic_id, position) values (?, ?, ?, ?)", items);
		return fresh.size();
	}

	/**
	 * Which of these subscribers the ledger already has a message of this edition for.
	 * Asked as a range of subscriber ids, off the index {@code delivery_once}.
	 */
	private Set<Long> planned(LedgerKey ledger, List<Long> subscriberIds) {
		Set<Long> wanted = new HashSet<>(subscriberIds);
		Set<Long> planned = new HashSet<>();
		this.jdbc
			.sql("select subscriber_id from delivery where kind = ? and edition_key = ?"
					+ " and subscriber_id between ? and ?")
			.params(ledger.kind().column(), ledger.key(), Collections.min(wanted), Collections.max(wanted))
			.query((rs) -> {
				if (wanted.contains(rs.getLong(1))) {
					planned.add(rs.getLong(1));
				}
			});
		return planned;
	}

	/**
	 * The ledger ids of these subscribers' messages of one edition, by subscriber. Asked
	 * as a range of subscriber ids: H2 would scan the whole edition for an IN list.
	 */
	private Map<Long, Long> ids(LedgerKey ledger, List<Planned> messages) {
		Set<Long> wanted = new HashSet<>();
		messages.forEach((message) -> wanted.add(message.subscriberId()));
		Map<Long, Long> ids = new HashMap<>();
		this.jdbc
			.sql("select subscriber_id, id from delivery where kind = ? and edition_key = ?"
					+ " and subscriber_id between ? and ?")
			.params(ledger.kind().column(), ledger.key(), Collections.min(wanted), Collections.max(wanted))
			.query((rs) -> {
				if (wanted.contains(rs.getLong(1))) {
					ids.put(rs.getLong(1), rs.getLong(2));
				}
			});
		return ids;
	}

	/**
	 * The deterministic Message-ID of a message: a resend after a crash carries the same
	 * one, so it is recognisable.
	 */
	public String messageId(LedgerKey ledger, long subscriberId) {
		return "<" + ledger.messageIdPart() + "." + subscriberId + "@" + this.messageIdDomain + ">";
	}

	/**
	 * The articles a message carries, in the order it lists them.
	 */
	public List<Item> items(long deliveryId) {
		return items(List.of(deliveryId)).getOrDefault(deliveryId, List.of());
	}

	/**
	 * The articles of each of these messages, in the order each lists them: its own, or
	 * its group's.
	 */
	public Map<Long, List<Item>> items(Collection<Long> deliveryIds) {
		Map<Long, List<Item>> items = new HashMap<>();
		if (deliveryIds.isEmpty()) {
			return items;
		}
		this.jdbc
			.sql("select delivery_id, article_id, topic_id from delivery_item where delivery_id in (:ids)"
					+ " order by delivery_id, position")
			.param("ids", deliveryIds)
			.query((rs) -> {
				items.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(item(rs, 2));
			});
		Map<Long, List<Long>> byGroup = new HashMap<>();
		this.jdbc.sql("select id, group_id from delivery where id in (:ids) and group_id is not null")
			.param("ids", deliveryIds)
			.query((rs) -> {
				byGroup.computeIfAbsent(rs.getLong(2), (id) -> new ArrayList<>()).add(rs.getLong(1));
			});
		if (!byGroup.isEmpty()) {
			Map<Long, List<Item>> groupItems = new HashMap<>();
			this.jdbc
				.sql("select group_id, article_id, topic_id from delivery_group_item where group_id in (:ids)"
						+ " order by group_id, position")
				.param("ids", byGroup.keySet())
				.query((rs) -> {
					groupItems.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(item(rs, 2));
				});
			byGroup.forEach((group, deliveries) -> deliveries
				.forEach((delivery) -> items.put(delivery, groupItems.getOrDefault(group, List.of()))));
		}
		return items;
	}

	private static Item item(ResultSet rs, int column) throws SQLException {
		long article = rs.getLong(column);
		long topic = rs.getLong(column + 1);
		return new Item(article, rs.wasNull() ? null : topic);
	}

	private static OffsetDateTime now() {
		return Instant.now().atOffset(ZoneOffset.UTC);
	}

}
