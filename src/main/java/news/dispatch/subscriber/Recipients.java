package news.dispatch.subscriber;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is due what: the subscribers a digest or an alert is planned for, read a page at a
 * time in id order, with the topics they follow and when they want their digest.
 */
@Repository
public class Recipients {

	private final JdbcClient jdbc;

	Recipients(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
	 * These subscribers and the topics each follows, in the order given. A page of
	 * subscribers close together in id order (a page of {@link #dueOn}) is read as a
	 * range of the primary key: for a list of parameters, H2 compares every row it reads
	 * with every value of the list, which made this query most of planning's time at
	 * 5,000 a page.
	 */
	public List<Following> following(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, List<Long>> topics = new HashMap<>();
		long from = Collections.min(ids);
		long to = Collections.max(ids);
		boolean range = to - from < 4L * ids.size();
		Set<Long> wanted = range ? new HashSet<>(ids) : Set.of();
		// in primary key order: ordered by topic_id alone, H2 read the whole table along
		// subscription_topic and tested each row against the list
		JdbcClient.StatementSpec query = range
				? this.jdbc
					.sql("select subscriber_id, topic_id from subscription where subscriber_id between :from and :to"
							+ " order by subscriber_id, topic_id")
					.param("from", from)
					.param("to", to)
				: this.jdbc
					.sql("select subscriber_id, topic_id from subscription where subscriber_id in (:ids)"
							+ " order by subscriber_id, topic_id")
					.param("ids", ids);
		query.query((rs) -> {
			long id = rs.getLong(1);
			if (!range || wanted.contains(id)) {
				topics.computeIfAbsent(id, (key) -> new ArrayList<>()).add(rs.getLong(2));
			}
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
		TreeMap<Long, Alertable> found = new TreeMap<>();
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

}
