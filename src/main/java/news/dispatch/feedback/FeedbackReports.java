package news.dispatch.feedback;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import news.dispatch.delivery.LedgerKey;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reports taken in, each under a key of its own: the same report taken in twice is
 * recognised, and the reports of a subscriber are their bounce and complaint history.
 */
@Repository
public class FeedbackReports {

	private final JdbcClient jdbc;

	FeedbackReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * When the report with this key was taken in, if it was.
	 */
	java.util.Optional<Instant> takenAt(String key) {
		return this.jdbc.sql("select received_at from feedback_report where report_key = ?")
			.param(key)
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	/**
	 * Keeps a report.
	 * @return false when one with the same key is kept already (nothing is written)
	 */
	boolean add(String key, FeedbackEntry entry) {
		try {
			return this.jdbc
				.sql("insert into feedback_report (report_key, kind, subscriber_id, delivery_id, status_code, detail,"
						+ " source, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(key, entry.kind().name(), entry.subscriberId(), entry.deliveryId(), cut(entry.status(), 20),
						cut(entry.detail(), 1000), cut(entry.source(), 300),
						entry.receivedAt().atOffset(ZoneOffset.UTC))
				.update() > 0;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * How many different messages to this subscriber soft-bounced since then.
	 */
	int softBounces(long subscriberId, Instant since) {
		return this.jdbc
			.sql("select count(distinct coalesce(delivery_id, -1)) from feedback_report where subscriber_id = ?"
					+ " and kind = 'SOFT_BOUNCE' and received_at >= ?")
			.params(subscriberId, since.atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.single();
	}

	/**
	 * The reports about a subscriber's messages, oldest first.
	 */
	public List<FeedbackEntry> of(long subscriberId) {
		return this.jdbc.sql(
				"select kind, subscriber_id, delivery_id, status_code, detail, source, received_at from feedback_report"
						+ " where subscriber_id = ? order by received_at, report_key")
			.param(subscriberId)
			.query((rs, row) -> new FeedbackEntry(ReportKind.valueOf(rs.getString(1)), rs.getLong(2),
					rs.getObject(3, Long.class), rs.getString(4), rs.getString(5), rs.getString(6),
					rs.getObject(7, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * How many reports of each kind came back about the messages of these editions.
	 */
	public Map<ReportKind, Long> ofEditions(Collection<LedgerKey> keys) {
		Map<ReportKind, Long> counts = new EnumMap<>(ReportKind.class);
		for (LedgerKey key : keys) {
			ofEdition(key).forEach((kind, count) -> counts.merge(kind, count, Long::sum));
		}
		return counts;
	}

	/**
	 * How many reports of each kind came back about the messages of one edition.
	 */
	public Map<ReportKind, Long> ofEdition(LedgerKey edition) {
		Map<ReportKind, Long> counts = new EnumMap<>(ReportKind.class);
		this.jdbc
			.sql("select f.kind, count(*) from feedback_report f join delivery d on d.id = f.delivery_id"
					+ " where d.kind = ? and d.edition_key = ? group by f.kind")
			.params(edition.kind().column(), edition.key())
			.query((rs) -> {
				counts.put(ReportKind.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * How many reports of each kind were ever taken in.
	 */
	Map<ReportKind, Long> counts() {
		Map<ReportKind, Long> counts = new EnumMap<>(ReportKind.class);
		this.jdbc.sql("select kind, count(*) from feedback_report group by kind").query((rs) -> {
			counts.put(ReportKind.valueOf(rs.getString(1)), rs.getLong(2));
		});
		return counts;
	}

	private static @Nullable String cut(@Nullable String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

}
