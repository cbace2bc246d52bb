package news.dispatch.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox: every event once (id, type, the body as it is sent) and, per endpoint that
 * wants it, whether it was delivered. An event is written by whoever tells of it, in the
 * transaction of what happened when there is one, so it exists exactly when what it tells
 * of does; {@link WebhookDelivery} sends it later.
 */
@Repository
public class Outbox {

	static final String PENDING = "PENDING";

	static final String DELIVERED = "DELIVERED";

	static final String FAILED = "FAILED";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final OutboundSettings settings;

	Outbox(JdbcClient jdbc, OutboundSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * Whether any endpoint wants events of this type, so that nobody gathers what no one
	 * is sent.
	 */
	boolean wanted(String type) {
		return this.settings.endpoints().stream().anyMatch((endpoint) -> endpoint.wants(type));
	}

	/**
	 * Keeps an event for every endpoint that wants it.
	 * @return its id, or empty when no endpoint wants it (nothing is kept)
	 */
	Optional<String> add(String type, Map<String, @Nullable Object> data, Instant at) {
		List<OutboundSettings.Endpoint> wanting = this.settings.endpoints()
			.stream()
			.filter((endpoint) -> endpoint.wants(type))
			.toList();
		if (wanting.isEmpty()) {
			return Optional.empty();
		}
		String id = UUID.randomUUID().toString();
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", id);
		event.put("type", type);
		event.put("occurredAt", at.truncatedTo(ChronoUnit.MILLIS).toString());
		event.put("data", data);
		this.jdbc.sql("insert into webhook_event (id, type, occurred_at, body) values (?, ?, ?, ?)")
			.params(id, type, utc(at), JSON.writeValueAsString(event))
			.update();
		for (OutboundSettings.Endpoint endpoint : wanting) {
			this.jdbc
				.sql("insert into webhook_delivery (event_id, endpoint, status, attempts, next_attempt_at)"
						+ " values (?, ?, 'PENDING', 0, ?)")
				.params(id, endpoint.name(), utc(at))
				.update();
		}
		return Optional.of(id);
	}

	/**
	 * An event waiting for one endpoint.
	 */
	record Due(String eventId, String type, String body, int attempts, Instant occurredAt) {
	}

	/**
	 * The endpoint's events due now, oldest first.
	 */
	List<Due> due(String endpoint, Instant now, int limit) {
		return this.jdbc
			.sql("select e.id, e.type, e.body, d.attempts, e.occurred_at from webhook_delivery d"
					+ " join webhook_event e on e.id = d.event_id"
					+ " where d.endpoint = ? and d.status = 'PENDING' and d.next_attempt_at <= ?"
					+ " order by e.occurred_at, e.id fetch first " + limit + " rows only")
			.params(endpoint, utc(now))
			.query((rs, row) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					instant(rs, 5)))
			.list();
	}

	/**
	 * Takes the delivery for this process until {@code until}, so another instance does
	 * not send it at the same time.
	 * @return whether it was still due (and is now this process's)
	 */
	boolean claim(String eventId, String endpoint, Instant now, Instant until) {
		return this.jdbc
			.sql("update webhook_delivery set next_attempt_at = ? where event_id = ? and endpoint = ?"
					+ " and status = 'PENDING' and next_attempt_at <= ?")
			.params(utc(until), eventId, endpoint, utc(now))
			.update() == 1;
	}

	void delivered(String eventId, String endpoint, Instant now) {
		this.jdbc
			.sql("update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,"
					+ " last_error = null where event_id = ? and endpoint = ?")
			.params(utc(now), eventId, endpoint)
			.update();
	}

	/**
	 * A failed attempt: tried again from {@code next}, or FAILED when given up.
	 */
	void failed(String eventId, String endpoint, String error, Instant next, boolean giveUp) {
		this.jdbc
			.sql("update webhook_delivery set status = ?, attempts = attempts + 1, next_attempt_at = ?,"
					+ " last_error = ? where event_id = ? and endpoint = ?")
			.params(giveUp ? FAILED : PENDING, utc(next), (error.length() > 1000) ? error.substring(0, 999) : error,
					eventId, endpoint)
			.update();
	}

	/**
	 * One event's delivery to one endpoint.
	 *
	 * @param status {@code PENDING}, {@code DELIVERED} or {@code FAILED}
	 */
	public record Entry(String eventId, String type, Instant occurredAt, String endpoint, String status, int attempts,
			@Nullable Instant nextAttempt, @Nullable String lastError, @Nullable Instant deliveredAt) {
	}

	/**
	 * The latest deliveries, newest first, of one status or all.
	 */
	public List<Entry> list(@Nullable String status, int limit) {
		List<Object> params = new ArrayList<>();
		String where = "";
		if (status != null) {
			where = " where d.status = ?";
			params.add(status);
		}
		return this.jdbc
			.sql("select e.id, e.type, e.occurred_at, d.endpoint, d.status, d.attempts, d.next_attempt_at,"
					+ " d.last_error, d.delivered_at from webhook_delivery d join webhook_event e on e.id = d.event_id"
					+ where + " order by e.occurred_at desc, e.id, d.endpoint fetch first " + limit + " rows only")
			.params(params)
			.query((rs, row) -> new Entry(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4),
					rs.getString(5), rs.getInt(6), PENDING.equals(rs.getString(5)) ? instant(rs, 7) : null,
					rs.getString(8), nullable(rs, 9)))
			.list();
	}

	/**
	 * Sends events again: these ones, to every endpoint they were for (or only to
	 * {@code endpoint}).
	 * @return how many deliveries are pending again
	 */
	public int replay(List<String> eventIds, @Nullable String endpoint, Instant now) {
		int count = 0;
		for (String id : eventIds) {
			count += this.jdbc
				.sql("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?,"
						+ " delivered_at = null, last_error = null where event_id = ?"
						+ ((endpoint != null) ? " and endpoint = ?" : ""))
				.params((endpoint != null) ? List.of(utc(now), id, endpoint) : List.of(utc(now), id))
				.update();
		}
		return count;
	}

	/**
	 * Sends again every delivery that was given up (FAILED), or, with {@code since},
	 * every delivery of an event that happened since then.
	 * @return how many deliveries are pending again
	 */
	public int replay(@Nullable Instant since, @Nullable String endpoint, Instant now) {
		List<Object> params = new ArrayList<>(List.of(utc(now)));
		String where = (since != null) ? " where event_id in (select id from webhook_event where occurred_at >= ?)"
				: " where status = 'FAILED'";
		if (since != null) {
			params.add(utc(since));
		}
		if (endpoint != null) {
			where += " and endpoint = ?";
			params.add(endpoint);
		}
		return this.jdbc
			.sql("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?,"
					+ " delivered_at = null, last_error = null" + where)
			.params(params)
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullable(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
