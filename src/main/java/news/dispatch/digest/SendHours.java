package news.dispatch.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import news.dispatch.subscriber.Frequency;
import news.dispatch.subscriber.Recipients.DigestTime;

/**
 * Whose digest is due at an hour, by their own clock: a subscriber is due the edition of
 * their local day once the local time has reached their send hour on a day they get one
 * (every day, or the weekly one's weekday), unless paused. Together with "considered once
 * a local day" ({@code digest_round}) this neither skips nor doubles a day across a
 * daylight-saving change: on the spring-forward day an hour that does not exist is
 * reached by the next one; on the fall-back day the repeated hour finds the day done.
 */
final class SendHours {

	private SendHours() {
	}

	/**
	 * The edition (the subscriber's local date) due at this moment, if any.
	 */
	static Optional<LocalDate> dueEdition(DigestTime subscriber, Instant at, DayOfWeek defaultWeeklyDay) {
		ZonedDateTime local = at.atZone(subscriber.timeZone());
		LocalDate day = local.toLocalDate();
		if (local.getHour() < subscriber.sendHour()) {
			return Optional.empty();
		}
		if (subscriber.frequency() == Frequency.WEEKLY) {
			DayOfWeek weekday = (subscriber.weeklyDay() != null) ? subscriber.weeklyDay() : defaultWeeklyDay;
			if (day.getDayOfWeek() != weekday) {
				return Optional.empty();
			}
		}
		else if (subscriber.frequency() != Frequency.DAILY) {
			return Optional.empty();
		}
		if (subscriber.pausedUntil() != null && subscriber.pausedUntil().isAfter(day)) {
			return Optional.empty();
		}
		return Optional.of(day);
	}

	/**
	 * The editions a run at this moment can plan: every zone's local date then, which is
	 * the UTC date or the day either side.
	 */
	static List<LocalDate> editionsAt(Instant at) {
		LocalDate utc = LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
		return List.of(utc.minusDays(1), utc, utc.plusDays(1));
	}

}
