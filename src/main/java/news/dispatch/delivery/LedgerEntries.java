package news.dispatch.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single messages of the ledger, as an operator, a returned report or a reader's link
 * finds them: by id, by Message-ID, by subscriber; and marking one BOUNCED when a report
 * of its failure comes back after the server had accepted it.
 */
@Repository
public class LedgerEntries {

	private static final String ENTRY = "select id, kind, edition_key, subscriber_id, message_id, status, planned_at,"
			+ " sent_at, last_reply from delivery";

	private static final RowMapper<LedgerEntry> ENTRY_ROW = (rs, row) -> {
		OffsetDateTime sent = rs.getObject(8, OffsetDateTime.class);
		return new LedgerEntry(rs.getLong(1), LedgerKey.ofColumns(rs.getString(2), rs.getString(3)), rs.getLong(4),
				rs.getString(5), DeliveryStatus.valueOf(rs.getString(6)),
				rs.getObject(7, OffsetDateTime.class).toInstant(), (sent != null) ? sent.toInstant() : null,
				rs.getString(9));
	};

	private final JdbcClient jdbc;

	LedgerEntries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One message of the ledger by its id.
	 */
	public Optional<LedgerEntry> entry(long id) {
		return this.jdbc.sql(ENTRY + " where id = ?").param(id).query(ENTRY_ROW).optional();
	}

	/**
	 * One message of the ledger by its Message-ID ({@code <…>}, as it was sent).
	 */
	public Optional<LedgerEntry> entryByMessageId(String messageId) {
		return this.jdbc.sql(ENTRY + " where message_id = ?").param(messageId).query(ENTRY_ROW).optional();
	}

	/**
	 * The last message the SMTP server accepted for this subscriber, if any.
	 */
	public Optional<LedgerEntry> lastSentTo(long subscriberId) {
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
			.params(Deliveries.truncate(reply), Deliveries.now(), id)
			.update() > 0;
	}

}
