package news.dispatch.subscriber;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A reader and what they asked for.
 *
 * @param email lower-cased, unique
 * @param name how to greet them; may be empty
 * @param topics the names of the topics they follow
 * @param sendHour the hour (0–23) in their zone when their digest is due
 * @param alerts whether they accept breaking-news alerts
 * @param status where they stand; only {@link SubscriberStatus#ACTIVE} subscribers are
 * sent anything
 * @param keywords their own query in the topic language; empty when they have none
 * @param pausedUntil no digest before this day, when set
 * @param linkTracking whether their links go through {@code /r/...} and are counted
 * @param weeklyDay the weekday a weekly reader gets their digest on; null for
 * {@code dispatch.digest.weekly-day}
 * @param newEmail a new address the reader asked for, until they confirm it from there
 */
public record Subscriber(long id, String email, String name, List<String> topics, Frequency frequency, ZoneId timeZone,
		int sendHour, boolean alerts, SubscriberStatus status, String keywords, @Nullable LocalDate pausedUntil,
		boolean linkTracking, @Nullable DayOfWeek weeklyDay, @Nullable String newEmail) {

	public boolean active() {
		return this.status == SubscriberStatus.ACTIVE;
	}

	/**
	 * Whether they take alerts and no digest: their page speaks of alerts, not of "your
	 * digest".
	 */
	public boolean alertsOnly() {
		return this.frequency == Frequency.NONE && this.alerts;
	}

}
