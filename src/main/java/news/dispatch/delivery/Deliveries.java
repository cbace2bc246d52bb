package news.dispatch.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deliveries ledger: one row per message, (kind, key, subscriber) unique, with the
 * articles each message carries. A row moves from PENDING to SENT only once the SMTP
 * server has accepted the message.
 */
@Repository
public class Deliveries {

	private final JdbcClient jdbc;

	private final String messageIdDomain;

	Deliveries(JdbcClient jdbc, MailSettings settings) {
		this.jdbc = jdbc;
		this.messageIdDomain = settings.messageIdDomain();
	}

	/**
	 * An article a planned message carries, under the topic it is listed for.
	 */
	public record Item(long articleId, @Nullable Long topicId) {
	}

	/**
	 * Plans one message: a PENDING row and its articles.
	 * @return false when the ledger already has this message (planned or sent)
	 */
	public boolean plan(String kind, String key, long subscriberId, List<Item> items) {
		if (exists(kind, key, subscriberId)) {
			return false;
		}
		OffsetDateTime now = now();
		this.jdbc.sql(
				"insert into delivery (kind, edition_key, subscriber_id, status, attempts, message_id, planned_at, updated_at)"
						+ " values (?, ?, ?, 'PENDING', 0, ?, ?, ?)")
			.params(kind, key, subscriberId, messageId(kind, key, subscriberId), now, now)
			.update();
		long id = this.jdbc.sql("select id from delivery where kind = ? and edition_key = ? and subscriber_id = ?")
			.params(kind, key, subscriberId)
			.query(Long.class)
			.single();
		int position = 0;
		for (Item item : items) {
			this.jdbc.sql("insert into delivery_item (delivery_id, article_id, topic_id, position) values (?, ?, ?, ?)")
				.params(id, item.articleId(), item.topicId(), position++)
				.update();
		}
		return true;
	}

	public boolean exists(String kind, String key, long subscriberId) {
		return this.jdbc.sql("select count(*) from delivery where kind = ? and edition_key = ? and subscriber_id = ?")
			.params(kind, key, subscriberId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Which of these articles the subscriber has had, or will have, in another message
	 * (planned, sent or to be retried): what makes a story new for them.
	 */
	public Set<Long> alreadyGiven(long subscriberId, Collection<Long> articleIds) {
		if (articleIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc
			.sql("select distinct i.article_id from delivery_item i join delivery d on d.id = i.delivery_id"
					+ " where d.subscriber_id = :subscriber and i.article_id in (:articles) and d.status in ('PENDING', 'RETRY', 'SENT')")
			.param("subscriber", subscriberId)
			.param("articles", articleIds)
			.query(Long.class)
			.list());
	}

	/**
	 * The articles a message carries, in the order it lists them.
	 */
	public List<Item> items(long deliveryId) {
		return this.jdbc.sql("select article_id, topic_id from delivery_item where delivery_id = ? order by position")
			.param(deliveryId)
			.query(Item.class)
			.list();
	}

	/**
	 * How many messages of one edition are in each status.
	 */
	public Map<DeliveryStatus, Long> counts(String kind, String key) {
		Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
		for (DeliveryStatus status : DeliveryStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("select status, count(*) from delivery where kind = ? and edition_key = ? group by status")
			.params(kind, key)
			.query((rs) -> {
				counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * The deterministic Message-ID of a message: a resend after a crash carries the same
	 * one, so it is recognisable.
	 */
	public String messageId(String kind, String key, long subscriberId) {
		return "<" + kind + "." + key + "." + subscriberId + "@" + this.messageIdDomain + ">";
	}

	void record(long id, DeliveryStatus status, String reply) {
		String sql = "update delivery set status = ?, attempts = attempts + 1, last_reply = ?, updated_at = ?"
				+ ((status == DeliveryStatus.SENT) ? ", sent_at = ?" : "") + " where id = ?";
		OffsetDateTime now = now();
		var statement = this.jdbc.sql(sql).param(status.name()).param(truncate(reply)).param(now);
		if (status == DeliveryStatus.SENT) {
			statement = statement.param(now);
		}
		statement.param(id).update();
	}

	private static String truncate(String reply) {
		String line = reply.replaceAll("\\s+", " ").strip();
		return (line.length() > 1000) ? line.substring(0, 1000) : line;
	}

	private static OffsetDateTime now() {
		return Instant.now().atOffset(ZoneOffset.UTC);
	}

}
