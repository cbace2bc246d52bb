package news.dispatch.subscriber;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The subscriber store: subscribers and the topics they follow.
 */
@Repository
public class Subscribers {

	private static final String COLUMNS = "id, email, name, frequency, time_zone, send_hour, alerts, status, keywords, paused_until, link_tracking";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Subscribers(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	public List<Subscriber> findAll() {
		return withTopics(this.jdbc.sql("select " + COLUMNS + " from subscriber order by email").query(ROW).list());
	}

	public Optional<Subscriber> find(long id) {
		return withTopics(
				this.jdbc.sql("select " + COLUMNS + " from subscriber where id = ?").param(id).query(ROW).list())
			.stream()
			.findFirst();
	}

	public Optional<Subscriber> findByEmail(String email) {
		return withTopics(this.jdbc.sql("select " + COLUMNS + " from subscriber where email = ?")
			.param(oneForm(email))
			.query(ROW)
			.list()).stream().findFirst();
	}

	private static String oneForm(String email) {
		try {
			return EmailAddresses.normalise(email);
		}
		catch (InvalidInputException ex) {
			return email.strip().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public List<Subscriber> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return withTopics(this.jdbc.sql("select " + COLUMNS + " from subscriber where id in (:ids) order by id")
			.param("ids", ids)
			.query(ROW)
			.list());
	}

	/**
	 * An active subscriber and the ids of the topics they follow.
	 */
	public record Following(long subscriberId, List<Long> topicIds) {
	}

	/**
	 * Active subscribers due a digest on the edition's day, not paused then: daily ones,
	 * and weekly ones whose weekday (or, when they chose none, {@code weeklyDay}) it is;
	 * in id order after {@code afterId}. Ordered by every column of the index
	 * {@code subscriber_status_id}, so a page is read off it and the query stops there.
	 */
	public List<Following> dueOn(LocalDate edition, DayOfWeek weeklyDay, long afterId, int limit) {
		List<Long> ids = this.jdbc
			.sql("select id from subscriber where status = 'ACTIVE' and (frequency = 'DAILY' or (frequency = 'WEEKLY'"
					+ " and coalesce(weekly_day, :weekly) = :weekday))"
					+ " and (paused_until is null or paused_until <= :edition) and id > :after order by status, id")
			.param("weekly", weeklyDay.name())
			.param("weekday", edition.getDayOfWeek().name())
			.param("edition", edition)
			.param("after", afterId)
			.withMaxRows(limit)
			.query(Long.class)
			.list();
		return following(ids);
	}

	/**
	 * How many subscribers {@link #dueOn} gives for this edition: the readers it may go
	 * to.
	 */
	public long countDueOn(LocalDate edition, DayOfWeek weeklyDay) {
		return this.jdbc
			.sql("select count(*) from subscriber where status = 'ACTIVE' and (frequency = 'DAILY' or (frequency ="
					+ " 'WEEKLY' and coalesce(weekly_day, :weekly) = :weekday))"
					+ " and (paused_until is null or paused_until <= :edition)")
			.param("weekly", weeklyDay.name())
			.param("weekday", edition.getDayOfWeek().name())
			.param("edition", edition)
			.query(Long.class)
			.single();
	}

	/**
	 * These subscribers and the topics each follows, in the order given.
	 */
	public List<Following> following(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, List<Long>> topics = new LinkedHashMap<>();
		this.jdbc
			// in primary key order: ordered by topic_id alone, H2 read the whole table
			// along
			// subscription_topic and tested each row against the list
			.sql("select subscriber_id, topic_id from subscription where subscriber_id in (:ids)"
					+ " order by subscriber_id, topic_id")
			.param("ids", ids)
			.query((rs) -> {
				topics.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(rs.getLong(2));
			});
		return ids.stream().map((id) -> new Following(id, topics.getOrDefault(id, List.of()))).toList();
	}

	/**
	 * A subscriber who accepts alerts, and the zone of their quiet hours.
	 */
	public record Alertable(long subscriberId, ZoneId timeZone) {
	}

	/**
	 * Active subscribers with alerts on, not paused on {@code today}, who follow one of
	 * the topics or are among {@code others} (those whose keywords matched), in id order.
	 * Unsubscribed, suppressed and unconfirmed readers are left out.
	 */
	public List<Alertable> alertable(Collection<Long> topicIds, Collection<Long> others, LocalDate today) {
		java.util.TreeMap<Long, Alertable> found = new java.util.TreeMap<>();
		String wanted = "select id, time_zone from subscriber where status = 'ACTIVE' and alerts"
				+ " and (paused_until is null or paused_until <= :today) and ";
		if (!topicIds.isEmpty()) {
			this.jdbc.sql(wanted + "id in (select subscriber_id from subscription where topic_id in (:topics))")
				.param("today", today)
				.param("topics", topicIds)
				.query((rs) -> {
					found.put(rs.getLong(1), new Alertable(rs.getLong(1), ZoneId.of(rs.getString(2))));
				});
		}
		List<Long> ids = List.copyOf(others);
		for (int from = 0; from < ids.size(); from += 1000) {
			this.jdbc.sql(wanted + "id in (:ids)")
				.param("today", today)
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.query((rs) -> {
					found.put(rs.getLong(1), new Alertable(rs.getLong(1), ZoneId.of(rs.getString(2))));
				});
		}
		return List.copyOf(found.values());
	}

	/**
	 * When an active subscriber wants their digest: frequency, zone, hour, and for weekly
	 * ones the weekday they chose (null: the configured one).
	 */
	public record DigestTime(long subscriberId, Frequency frequency, ZoneId timeZone, int sendHour,
			@Nullable DayOfWeek weeklyDay, @Nullable LocalDate pausedUntil) {
	}

	/**
	 * The digest times of active daily and weekly subscribers, in id order after
	 * {@code afterId}.
	 */
	public List<DigestTime> digestTimes(long afterId, int limit) {
		return this.jdbc
			.sql("select id, frequency, time_zone, send_hour, weekly_day, paused_until from subscriber"
					+ " where status = 'ACTIVE' and frequency in ('DAILY', 'WEEKLY') and id > ? order by id")
			.param(afterId)
			.withMaxRows(limit)
			.query((rs, row) -> {
				String weekday = rs.getString(5);
				java.sql.Date paused = rs.getDate(6);
				return new DigestTime(rs.getLong(1), Frequency.valueOf(rs.getString(2)), ZoneId.of(rs.getString(3)),
						rs.getInt(4), (weekday != null) ? DayOfWeek.valueOf(weekday) : null,
						(paused != null) ? paused.toLocalDate() : null);
			})
			.list();
	}

	/**
	 * Sets the weekday a weekly subscriber gets their digest on; null for the configured
	 * one.
	 */
	public void setWeeklyDay(String email, @Nullable DayOfWeek day) {
		this.jdbc.sql("update subscriber set weekly_day = ? where email = ?")
			.params((day != null) ? day.name() : null, email)
			.update();
	}

	/**
	 * Marks the subscriber unsubscribed; nothing more is sent to them.
	 * @return whether they were subscribed until now
	 */
	public boolean unsubscribe(long id) {
		return this.jdbc.sql("update subscriber set status = 'UNSUBSCRIBED' where id = ? and status <> 'UNSUBSCRIBED'")
			.param(id)
			.update() > 0;
	}

	/**
	 * Counts a hard bounce (the address was refused for good) and suppresses the
	 * subscriber once they reach {@code threshold}: a suppressed subscriber is no longer
	 * planned nor sent anything by any job, and importing them again does not revive
	 * them.
	 * @return whether the subscriber is now suppressed
	 */
	public boolean recordHardBounce(long subscriberId, int threshold) {
		int suppressedNow = this.jdbc
			.sql("update subscriber set hard_bounces = hard_bounces + 1, status = 'SUPPRESSED'"
					+ " where id = ? and status <> 'SUPPRESSED' and hard_bounces + 1 >= ?")
			.params(subscriberId, threshold)
			.update();
		if (suppressedNow > 0) {
			Suppressions.record(this.jdbc, subscriberId, "SUPPRESSED", threshold + " hard bounce(s)");
		}
		else {
			this.jdbc.sql("update subscriber set hard_bounces = hard_bounces + 1 where id = ?")
				.param(subscriberId)
				.update();
		}
		this.events.publishEvent(new SubscriberBounced(subscriberId, suppressedNow > 0));
		return this.jdbc.sql("select status from subscriber where id = ?")
			.param(subscriberId)
			.query(String.class)
			.optional()
			.map(SubscriberStatus.SUPPRESSED.name()::equals)
			.orElse(false);
	}

	/**
	 * Subscribers in one status ({@code ACTIVE}, {@code SUPPRESSED}, …), by address.
	 */
	public List<Subscriber> findByStatus(String status) {
		return withTopics(this.jdbc.sql("select " + COLUMNS + " from subscriber where status = ? order by email")
			.param(status.toUpperCase(java.util.Locale.ROOT))
			.query(ROW)
			.list());
	}

	/**
	 * Adds the subscriber, or updates the one with the same address, and sets the topics
	 * they follow.
	 * @return whether the address is new
	 */
	boolean save(String email, String name, Choices form, List<Long> topicIds) {
		Optional<Long> existing = this.jdbc.sql("select id from subscriber where email = ?")
			.param(email)
			.query(Long.class)
			.optional();
		long id;
		if (existing.isPresent()) {
			id = existing.get();
			this.jdbc.sql(
					"update subscriber set name = ?, frequency = ?, time_zone = ?, send_hour = ?, alerts = ?, keywords = ? where id = ?")
				.params(name, form.frequency().name(), form.timeZone().getId(), form.sendHour(), form.alerts(),
						keywords(form), id)
				.update();
			this.jdbc.sql("delete from subscription where subscriber_id = ?").param(id).update();
		}
		else {
			this.jdbc.sql(
					"insert into subscriber (email, name, frequency, time_zone, send_hour, alerts, status, created_at, keywords)"
							+ " values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)")
				.params(email, name, form.frequency().name(), form.timeZone().getId(), form.sendHour(), form.alerts(),
						Instant.now().atOffset(ZoneOffset.UTC), keywords(form))
				.update();
			id = this.jdbc.sql("select id from subscriber where email = ?").param(email).query(Long.class).single();
		}
		for (long topicId : topicIds) {
			this.jdbc.sql("insert into subscription (subscriber_id, topic_id) values (?, ?)")
				.params(id, topicId)
				.update();
		}
		return existing.isEmpty();
	}

	private static @Nullable String keywords(Choices form) {
		return form.keywords().isBlank() ? null : form.keywords();
	}

	/**
	 * Stores a sign-up, not yet confirmed: nothing is planned or sent for it until
	 * {@link #activate}.
	 * @return its id
	 */
	long addPending(String email, Choices choices, List<Long> topicIds) {
		this.jdbc
			.sql("insert into subscriber (email, name, frequency, time_zone, send_hour, alerts, status,"
					+ " created_at, keywords, link_tracking) values (?, '', ?, ?, ?, ?, 'PENDING', ?, ?, ?)")
			.params(email, choices.frequency().name(), choices.timeZone().getId(), choices.sendHour(), choices.alerts(),
					Instant.now().atOffset(ZoneOffset.UTC), choices.keywords().isBlank() ? null : choices.keywords(),
					choices.linkTracking())
			.update();
		long id = this.jdbc.sql("select id from subscriber where email = ?").param(email).query(Long.class).single();
		follow(id, topicIds);
		return id;
	}

	/**
	 * Forgets the address's sign-up if it was not confirmed and made before
	 * {@code before}.
	 */
	int forgetUnconfirmed(String email, Instant before) {
		return this.jdbc.sql("delete from subscriber where email = ? and status = 'PENDING' and created_at < ?")
			.params(email, before.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * Forgets sign-ups that were not confirmed and made before {@code before}.
	 */
	int forgetUnconfirmed(Instant before) {
		return this.jdbc.sql("delete from subscriber where status = 'PENDING' and created_at < ?")
			.param(before.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * Makes a confirmed sign-up active, if it was made after {@code signedUpAfter}; a
	 * subscriber in any other state, or a sign-up older than that, is left as is.
	 * @return whether the subscriber was waiting for confirmation
	 */
	boolean activate(long id, Instant signedUpAfter) {
		return this.jdbc
			.sql("update subscriber set status = 'ACTIVE' where id = ? and status = 'PENDING' and created_at > ?")
			.params(id, signedUpAfter.atOffset(ZoneOffset.UTC))
			.update() > 0;
	}

	/**
	 * Subscribes again a reader who had unsubscribed; suppressed addresses stay
	 * suppressed.
	 * @return whether they had unsubscribed
	 */
	boolean resubscribe(long id) {
		return this.jdbc.sql("update subscriber set status = 'ACTIVE' where id = ? and status = 'UNSUBSCRIBED'")
			.param(id)
			.update() > 0;
	}

	/**
	 * Replaces what the subscriber asked for; their status stays as it is.
	 */
	void change(long id, Choices choices, List<Long> topicIds) {
		this.jdbc
			.sql("update subscriber set frequency = ?, time_zone = ?, send_hour = ?, alerts = ?, keywords = ?,"
					+ " paused_until = ?, link_tracking = ? where id = ?")
			.params(choices.frequency().name(), choices.timeZone().getId(), choices.sendHour(), choices.alerts(),
					choices.keywords().isBlank() ? null : choices.keywords(), choices.pausedUntil(),
					choices.linkTracking(), id)
			.update();
		this.jdbc.sql("delete from subscription where subscriber_id = ?").param(id).update();
		follow(id, topicIds);
	}

	private void follow(long id, List<Long> topicIds) {
		for (long topicId : topicIds) {
			this.jdbc.sql("insert into subscription (subscriber_id, topic_id) values (?, ?)")
				.params(id, topicId)
				.update();
		}
	}

	/**
	 * The keyword queries of active subscribers, by subscriber id.
	 */
	Map<Long, String> activeKeywords() {
		Map<Long, String> keywords = new HashMap<>();
		this.jdbc.sql("select id, keywords from subscriber where status = 'ACTIVE' and keywords is not null")
			.query((rs) -> {
				keywords.put(rs.getLong(1), rs.getString(2));
			});
		return keywords;
	}

	private List<Subscriber> withTopics(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<String>> topics = new LinkedHashMap<>();
		this.jdbc
			.sql("select s.subscriber_id, t.name from subscription s join topic t on t.id = s.topic_id"
					+ " where s.subscriber_id in (:ids) order by t.name")
			.param("ids", rows.stream().map(Row::id).toList())
			.query((rs) -> {
				topics.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(rs.getString(2));
			});
		return rows.stream()
			.map((row) -> new Subscriber(row.id(), row.email(), (row.name() != null) ? row.name() : "",
					topics.getOrDefault(row.id(), List.of()), Frequency.valueOf(row.frequency()),
					ZoneId.of(row.timeZone()), row.sendHour(), row.alerts(), SubscriberStatus.valueOf(row.status()),
					(row.keywords() != null) ? row.keywords() : "", row.pausedUntil(), row.linkTracking()))
			.toList();
	}

	/**
	 * Maps by column name: mapped by record component (Spring's DataClassRowMapper), each
	 * row asked the driver for {@code timeZone}, {@code sendHour} and {@code pausedUntil}
	 * before their column names, and H2 wrote each miss with its stack trace to its trace
	 * file: 7% of the send step's time in a profile.
	 */
	private static final RowMapper<Row> ROW = (rs, row) -> new Row(rs.getLong("id"), rs.getString("email"),
			rs.getString("name"), rs.getString("frequency"), rs.getString("time_zone"), rs.getInt("send_hour"),
			rs.getBoolean("alerts"), rs.getString("status"), rs.getString("keywords"),
			rs.getObject("paused_until", LocalDate.class), rs.getBoolean("link_tracking"));

	private record Row(long id, String email, @Nullable String name, String frequency, String timeZone, int sendHour,
			boolean alerts, String status, @Nullable String keywords, @Nullable LocalDate pausedUntil,
			boolean linkTracking) {
	}

}
