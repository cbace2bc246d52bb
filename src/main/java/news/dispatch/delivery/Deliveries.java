package news.dispatch.delivery;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deliveries ledger: one row per message, (kind, key, subscriber) unique, with the
 * articles each message carries. A row moves from PENDING to SENT only once the SMTP
 * server has accepted the message.
 */
@Repository
public class Deliveries {

	private final JdbcClient jdbc;

	private final String messageIdDomain;

	private final JdbcTemplate batch;

	private final TransactionTemplate ownTransaction;

	Deliveries(JdbcClient jdbc, JdbcTemplate batch, MailSettings settings, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.messageIdDomain = settings.messageIdDomain();
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
	 * Which of these articles each of these subscribers has had, or will have, in another
	 * message (planned, sent or to be retried). Read from the subscribers' messages (a
	 * range of subscriber ids, off {@code delivery_subscriber}), then their articles by
	 * message and by group: asked by article, the database would read every message that
	 * ever carried one of them.
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

	private void inBatches(Collection<Long> ids, String sql, java.util.function.BiConsumer<Long, Long> row) {
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

	/**
	 * Whether messages of these kinds planned at or after {@code since} still wait to be
	 * sent (PENDING): what a lower-priority send step yields to.
	 */
	boolean waiting(Collection<LedgerKey.Kind> kinds, Instant since) {
		for (LedgerKey.Kind kind : kinds) {
			boolean any = this.jdbc
				.sql("select 1 from delivery where kind = ? and status = 'PENDING' and planned_at >= ? limit 1")
				.params(kind.column(), since.atOffset(ZoneOffset.UTC))
				.query(Integer.class)
				.optional()
				.isPresent();
			if (any) {
				return true;
			}
		}
		return false;
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

	private static Item item(java.sql.ResultSet rs, int column) throws SQLException {
		long article = rs.getLong(column);
		long topic = rs.getLong(column + 1);
		return new Item(article, rs.wasNull() ? null : topic);
	}

	/**
	 * A page of an edition's messages in one status, in ledger order, after the given id.
	 * Ordered by every column of the index {@code delivery_edition_status}, so the
	 * database reads the page off the index and stops: ordered by id alone, H2 read and
	 * sorted every remaining row of the edition for each page, which made sending an
	 * edition quadratic in its size.
	 */
	List<Delivery> page(LedgerKey ledger, DeliveryStatus status, long afterId, int size) {
		return page(ledger, status, afterId, size, 0, Long.MAX_VALUE);
	}

	/**
	 * A page as {@link #page(String, String, DeliveryStatus, long, int)}, of the messages
	 * to subscribers {@code fromSubscriber} to {@code toSubscriber} only.
	 */
	List<Delivery> page(LedgerKey ledger, DeliveryStatus status, long afterId, int size, long fromSubscriber,
			long toSubscriber) {
		return this.jdbc
			.sql("select id, kind, edition_key, subscriber_id, message_id, attempts from delivery"
					+ " where kind = ? and edition_key = ? and status = ? and id > ?"
					+ " and subscriber_id between ? and ? order by kind, edition_key, status, id limit ?")
			.params(ledger.kind().column(), ledger.key(), status.name(), afterId, fromSubscriber, toSubscriber, size)
			.query((rs, row) -> new Delivery(rs.getLong(1), LedgerKey.ofColumns(rs.getString(2), rs.getString(3)),
					rs.getLong(4), rs.getString(5), rs.getInt(6)))
			.list();
	}

	/**
	 * The lowest and highest subscriber of an edition's messages still to send (PENDING
	 * or RETRY), or empty when none is left.
	 */
	public java.util.Optional<long[]> unsentSubscriberRange(LedgerKey ledger) {
		return this.jdbc
			.sql("select min(subscriber_id), max(subscriber_id), count(*) from delivery where kind = ?"
					+ " and edition_key = ? and status in ('PENDING', 'RETRY')")
			.params(ledger.kind().column(), ledger.key())
			.query((rs, row) -> (rs.getLong(3) == 0) ? null : new long[] { rs.getLong(1), rs.getLong(2) })
			.optional();
	}

	/**
	 * How many messages of one edition are in each status.
	 */
	public Map<DeliveryStatus, Long> counts(LedgerKey ledger) {
		Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
		for (DeliveryStatus status : DeliveryStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("select status, count(*) from delivery where kind = ? and edition_key = ? group by status")
			.params(ledger.kind().column(), ledger.key())
			.query((rs) -> {
				counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * The deterministic Message-ID of a message: a resend after a crash carries the same
	 * one, so it is recognisable.
	 */
	public String messageId(LedgerKey ledger, long subscriberId) {
		return "<" + ledger.messageIdPart() + "." + subscriberId + "@" + this.messageIdDomain + ">";
	}

	/**
	 * What became of one message after {@code attempts} tries, to be recorded.
	 */
	record Outcome(long id, DeliveryStatus status, String reply, int attempts) {
	}

	/**
	 * Records these outcomes and marks the next messages of the same connection as being
	 * handed to the SMTP server, in one transaction of its own. A message stays marked
	 * from the moment it is handed over until its outcome is recorded: if the process
	 * dies in between, the mark shows it was in flight (see {@link #settleInDoubt}). One
	 * transaction for a connection's group of messages, rather than one per message, is
	 * what makes the ledger cheap enough to keep up with the server.
	 */
	void recordAndMarkSending(List<Outcome> outcomes, List<Long> next) {
		if (outcomes.isEmpty() && next.isEmpty()) {
			return;
		}
		this.ownTransaction.executeWithoutResult((transaction) -> {
			OffsetDateTime now = now();
			List<Object[]> sent = new ArrayList<>();
			List<Object[]> other = new ArrayList<>();
			for (Outcome outcome : outcomes) {
				if (outcome.status() == DeliveryStatus.SENT) {
					sent.add(new Object[] { outcome.attempts(), truncate(outcome.reply()), now, now, outcome.id() });
				}
				else {
					other.add(new Object[] { outcome.status().name(), outcome.attempts(), truncate(outcome.reply()),
							now, outcome.id() });
				}
			}
			if (!sent.isEmpty()) {
				this.batch.batchUpdate("update delivery set status = 'SENT', attempts = attempts + ?, last_reply = ?,"
						+ " updated_at = ?, sent_at = ?, sending_at = null where id = ?", sent);
			}
			if (!other.isEmpty()) {
				this.batch.batchUpdate("update delivery set status = ?, attempts = attempts + ?, last_reply = ?,"
						+ " updated_at = ?, sending_at = null where id = ?", other);
			}
			if (!next.isEmpty()) {
				this.batch.batchUpdate("update delivery set sending_at = ? where id = ?",
						next.stream().map((id) -> new Object[] { now, id }).toList());
			}
		});
	}

	/**
	 * Leaves a message as it was (not sent) after the server could not be used at all.
	 */
	void release(long id, String reply) {
		this.jdbc.sql("update delivery set sending_at = null, last_reply = ?, updated_at = ? where id = ?")
			.params(truncate(reply), now(), id)
			.update();
	}

	/**
	 * Finds the messages of an edition that were in flight when a process died (marked as
	 * sending, outcome never recorded): they are sent again with the same Message-ID and
	 * stay counted as in doubt, since the server may have accepted them.
	 * @return how many were found now
	 */
	int settleInDoubt(LedgerKey ledger) {
		return this.jdbc
			.sql("update delivery set in_doubt = true, sending_at = null where kind = ? and edition_key = ?"
					+ " and sending_at is not null and status in ('PENDING', 'RETRY')")
			.params(ledger.kind().column(), ledger.key())
			.update();
	}

	/**
	 * As {@link #settleInDoubt(LedgerKey)}, for the messages to subscribers
	 * {@code fromSubscriber} to {@code toSubscriber} only: one partition's share, whose
	 * worker died while the other partitions go on sending.
	 * @return how many were found now
	 */
	int settleInDoubt(LedgerKey ledger, long fromSubscriber, long toSubscriber) {
		return this.jdbc.sql("update delivery set in_doubt = true, sending_at = null where kind = ? and edition_key = ?"
				+ " and subscriber_id between ? and ? and sending_at is not null and status in ('PENDING', 'RETRY')")
			.params(ledger.kind().column(), ledger.key(), fromSubscriber, toSubscriber)
			.update();
	}

	/**
	 * How many messages of an edition were in flight at a crash and sent again: at most
	 * this many can have arrived twice, each time with the same Message-ID.
	 */
	public long inDoubt(LedgerKey ledger) {
		return this.jdbc.sql("select count(*) from delivery where kind = ? and edition_key = ? and in_doubt")
			.params(ledger.kind().column(), ledger.key())
			.query(Long.class)
			.single();
	}

	/**
	 * A server reply and how many messages of an edition ended with it.
	 */
	public record Reply(DeliveryStatus status, String reply, long count) {
	}

	/**
	 * The commonest last replies of the messages of an edition that were not sent, most
	 * frequent first.
	 */
	public List<Reply> commonReplies(LedgerKey ledger, int limit) {
		return this.jdbc
			.sql("select status, last_reply, count(*) as n from delivery where kind = ? and edition_key = ?"
					+ " and status <> 'SENT' and last_reply is not null group by status, last_reply"
					+ " order by n desc, status, last_reply")
			.params(ledger.kind().column(), ledger.key())
			.withMaxRows(limit)
			.query((rs, row) -> new Reply(DeliveryStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)))
			.list();
	}

	/**
	 * How many messages of these editions are in each status, together.
	 */
	public Map<DeliveryStatus, Long> counts(Collection<LedgerKey> keys) {
		Map<DeliveryStatus, Long> total = new EnumMap<>(DeliveryStatus.class);
		for (LedgerKey key : keys) {
			counts(key).forEach((status, count) -> total.merge(status, count, Long::sum));
		}
		return total;
	}

	/**
	 * How many messages of these editions are in doubt, together.
	 */
	public long inDoubt(Collection<LedgerKey> keys) {
		return keys.stream().mapToLong(this::inDoubt).sum();
	}

	/**
	 * The commonest last replies of the unsent messages of these editions together.
	 */
	public List<Reply> commonReplies(Collection<LedgerKey> keys, int limit) {
		Map<List<Object>, Long> merged = new LinkedHashMap<>();
		for (LedgerKey key : keys) {
			for (Reply reply : commonReplies(key, limit)) {
				merged.merge(List.of(reply.status(), reply.reply()), reply.count(), Long::sum);
			}
		}
		return merged.entrySet()
			.stream()
			.map((e) -> new Reply((DeliveryStatus) e.getKey().get(0), (String) e.getKey().get(1), e.getValue()))
			.sorted(Comparator.comparingLong(Reply::count).reversed())
			.limit(limit)
			.toList();
	}

	private static final String ENTRY = "select id, kind, edition_key, subscriber_id, message_id, status, planned_at,"
			+ " sent_at, last_reply from delivery";

	private static final org.springframework.jdbc.core.RowMapper<LedgerEntry> ENTRY_ROW = (rs, row) -> {
		OffsetDateTime sent = rs.getObject(8, OffsetDateTime.class);
		return new LedgerEntry(rs.getLong(1), LedgerKey.ofColumns(rs.getString(2), rs.getString(3)), rs.getLong(4),
				rs.getString(5), DeliveryStatus.valueOf(rs.getString(6)),
				rs.getObject(7, OffsetDateTime.class).toInstant(), (sent != null) ? sent.toInstant() : null,
				rs.getString(9));
	};

	/**
	 * One message of the ledger by its id.
	 */
	public java.util.Optional<LedgerEntry> entry(long id) {
		return this.jdbc.sql(ENTRY + " where id = ?").param(id).query(ENTRY_ROW).optional();
	}

	/**
	 * One message of the ledger by its Message-ID ({@code <…>}, as it was sent).
	 */
	public java.util.Optional<LedgerEntry> entryByMessageId(String messageId) {
		return this.jdbc.sql(ENTRY + " where message_id = ?").param(messageId).query(ENTRY_ROW).optional();
	}

	/**
	 * The last message the SMTP server accepted for this subscriber, if any.
	 */
	public java.util.Optional<LedgerEntry> lastSentTo(long subscriberId) {
		return this.jdbc.sql(ENTRY + " where subscriber_id = ? and sent_at is not null order by sent_at desc, id desc")
			.param(subscriberId)
			.withMaxRows(1)
			.query(ENTRY_ROW)
			.optional();
	}

	/**
	 * A subscriber's messages, newest first, at most {@code limit}.
	 */
	public List<LedgerEntry> entriesOf(long subscriberId, int limit) {
		return this.jdbc.sql(ENTRY + " where subscriber_id = ? order by planned_at desc, id desc")
			.param(subscriberId)
			.withMaxRows(limit)
			.query(ENTRY_ROW)
			.list();
	}

	/**
	 * Marks a message the SMTP server had accepted as BOUNCED, after a report came back
	 * that it could not be delivered.
	 * @return whether it was SENT until now (a message already marked is left as it is)
	 */
	public boolean bouncedLate(long id, String reply) {
		return this.jdbc.sql(
				"update delivery set status = 'BOUNCED', last_reply = ?, updated_at = ? where id = ? and status = 'SENT'")
			.params(truncate(reply), now(), id)
			.update() > 0;
	}

	private static String truncate(String reply) {
		String line = reply.replaceAll("\\s+", " ").strip();
		return (line.length() > 1000) ? line.substring(0, 1000) : line;
	}

	private static OffsetDateTime now() {
		return Instant.now().atOffset(ZoneOffset.UTC);
	}

}
