package news.dispatch.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deliveries ledger as the send step works it: one row per message, (kind, key,
 * subscriber) unique, read a page at a time, marked while it is handed to the SMTP server
 * and moved from PENDING to SENT only once the server has accepted it. Planning the rows
 * is {@link LedgerPlans}; counting them {@link EditionTotals}; finding one
 * {@link LedgerEntries}.
 */
@Repository
public class Deliveries {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate ownTransaction;

	Deliveries(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
	 * A page as {@link #page(LedgerKey, DeliveryStatus, long, int)}, of the messages to
	 * subscribers {@code fromSubscriber} to {@code toSubscriber} only.
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
	public Optional<long[]> unsentSubscriberRange(LedgerKey ledger) {
		return this.jdbc
			.sql("select min(subscriber_id), max(subscriber_id), count(*) from delivery where kind = ?"
					+ " and edition_key = ? and status in ('PENDING', 'RETRY')")
			.params(ledger.kind().column(), ledger.key())
			.query((rs, row) -> (rs.getLong(3) == 0) ? null : new long[] { rs.getLong(1), rs.getLong(2) })
			.optional();
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

	static String truncate(String reply) {
		String line = reply.replaceAll("\\s+", " ").strip();
		return (line.length() > 1000) ? line.substring(0, 1000) : line;
	}

	static OffsetDateTime now() {
		return Instant.now().atOffset(ZoneOffset.UTC);
	}

}
