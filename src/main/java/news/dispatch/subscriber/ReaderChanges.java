package news.dispatch.subscriber;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What readers changed themselves on their pages ({@code reader_change}): their name, a
 * new address asked for and then confirmed, and leaving with the reason they gave. Read
 * back in the reader's own data and by {@code dispatch subscribers show}; erased with the
 * reader.
 */
@Repository
public class ReaderChanges {

	/** The reader gave a new name. */
	public static final String NAME = "name";

	/** The reader asked for a new address; the detail is that address. */
	public static final String ADDRESS_ASKED = "address-asked";

	/** The reader confirmed a new address from it; the detail is "old → new". */
	public static final String ADDRESS = "address";

	/** The reader unsubscribed and said why; the detail is their reason. */
	public static final String LEFT = "left";

	/**
	 * One change.
	 *
	 * @param kind {@link #NAME}, {@link #ADDRESS_ASKED}, {@link #ADDRESS} or
	 * {@link #LEFT}
	 * @param detail what it was changed to, or the reason given
	 */
	public record ReaderChange(String kind, @Nullable String detail, Instant at) {
	}

	private final JdbcClient jdbc;

	ReaderChanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(long subscriberId, String kind, @Nullable String detail) {
		this.jdbc.sql("insert into reader_change (subscriber_id, kind, detail, changed_at) values (?, ?, ?, ?)")
			.params(subscriberId, kind, detail, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
			.update();
	}

	/**
	 * The reader's changes, oldest first.
	 */
	public List<ReaderChange> of(long subscriberId) {
		return this.jdbc
			.sql("select kind, detail, changed_at from reader_change where subscriber_id = ? order by changed_at, id")
			.param(subscriberId)
			.query((rs, row) -> new ReaderChange(rs.getString(1), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.list();
	}

	void forget(long subscriberId) {
		this.jdbc.sql("delete from reader_change where subscriber_id = ?").param(subscriberId).update();
	}

}
