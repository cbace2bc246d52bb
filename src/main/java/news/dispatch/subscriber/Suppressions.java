package news.dispatch.subscriber;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suppression list and its history: who gets nothing more because their address
 * bounced or they complained, since when and why, and who an operator took off it again.
 */
@Repository
public class Suppressions {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Suppressions(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Suppresses a subscriber (nothing more is planned or sent to them) and withdraws
	 * what is still planned for them.
	 * @return whether they were not suppressed until now
	 */
	@Transactional
	public boolean suppress(long subscriberId, String reason) {
		boolean changed = this.jdbc
			.sql("update subscriber set status = 'SUPPRESSED' where id = ? and status <> 'SUPPRESSED'")
			.param(subscriberId)
			.update() > 0;
		if (changed) {
			record(this.jdbc, subscriberId, "SUPPRESSED", reason);
			this.events.publishEvent(new SubscriberUnsubscribed(subscriberId));
		}
		return changed;
	}

	/**
	 * A reader reported our mail as spam: suppressed at once and unsubscribed from
	 * everything (topics, own keywords, alerts), so that reactivating them later does not
	 * bring back what they complained about.
	 * @return whether they were not suppressed until now
	 */
	@Transactional
	public boolean complained(long subscriberId, String reason) {
		this.jdbc.sql("delete from subscription where subscriber_id = ?").param(subscriberId).update();
		this.jdbc.sql("update subscriber set keywords = null, alerts = false where id = ?")
			.param(subscriberId)
			.update();
		boolean suppressed = suppress(subscriberId, reason);
		if (suppressed) {
			this.events.publishEvent(new SubscriberComplained(subscriberId, reason));
		}
		return suppressed;
	}

	/**
	 * Takes a subscriber off the suppression list after a mistaken suppression: active
	 * again, their counted hard bounces forgotten.
	 * @return whether they were suppressed until now
	 */
	@Transactional
	public boolean reactivate(long subscriberId, String reason) {
		boolean changed = this.jdbc
			.sql("update subscriber set status = 'ACTIVE', hard_bounces = 0 where id = ? and status = 'SUPPRESSED'")
			.param(subscriberId)
			.update() > 0;
		if (changed) {
			record(this.jdbc, subscriberId, "ACTIVE", reason);
		}
		return changed;
	}

	/**
	 * The subscriber's changes of status, oldest first.
	 */
	public List<StatusChange> history(long subscriberId) {
		return this.jdbc
			.sql("select status, reason, changed_at from subscriber_status_change where subscriber_id = ?"
					+ " order by changed_at, id")
			.param(subscriberId)
			.query((rs, row) -> new StatusChange(rs.getString(1), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * How many hard bounces are counted against the subscriber.
	 */
	public int hardBounces(long subscriberId) {
		return this.jdbc.sql("select hard_bounces from subscriber where id = ?")
			.param(subscriberId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	static void record(JdbcClient jdbc, long subscriberId, String status, String reason) {
		String line = reason.replaceAll("\\s+", " ").strip();
		jdbc.sql("insert into subscriber_status_change (subscriber_id, status, reason, changed_at) values (?, ?, ?, ?)")
			.params(subscriberId, status, (line.length() > 1000) ? line.substring(0, 1000) : line,
					OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
			.update();
	}

}
