package news.dispatch.delivery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What became of an edition's messages, counted from the ledger: how many are in each
 * status, how many were in doubt after a crash, and the server replies the unsent ones
 * ended with. Of one edition or of several together (an hourly run's).
 */
@Repository
public class EditionTotals {

	private final JdbcClient jdbc;

	EditionTotals(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	/**
	 * The dates of the latest digest editions the ledger has messages of, newest first,
	 * at most {@code limit}. Found one at a time, each the last date up to the day before
	 * the one found last, read backwards off the index {@code delivery_edition_status}:
	 * one row read for each (asked for the distinct dates, the database would read every
	 * message ever planned; asked for a date before the last one, H2 read that edition's
	 * messages again).
	 */
	public List<LocalDate> latestEditions(int limit) {
		List<LocalDate> editions = new ArrayList<>();
		while (editions.size() < limit) {
			LocalDate last = editions.isEmpty() ? null : editions.get(editions.size() - 1);
			JdbcClient.StatementSpec latest = this.jdbc
				.sql("select edition_key from delivery where kind = :kind"
						+ ((last != null) ? " and edition_key <= :upTo" : "")
						+ " order by kind desc, edition_key desc limit 1")
				.param("kind", LedgerKey.Kind.DIGEST.column());
			if (last != null) {
				latest = latest.param("upTo", last.minusDays(1).toString());
			}
			Optional<String> next = latest.query(String.class).optional();
			if (next.isEmpty()) {
				break;
			}
			editions.add(LocalDate.parse(next.get()));
		}
		return editions;
	}

}
