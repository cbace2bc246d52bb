package news.dispatch.subscriber;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a reader asks for on the sign-up and preferences pages, validated.
 *
 * @param topics names of catalog topics
 * @param keywords a valid query in the topic language, or empty
 * @param pausedUntil no digest before this day, when set
 * @param linkTracking whether their links go through {@code /r/...} and are counted
 * @param weeklyDay the weekday of a weekly digest; null for the newsroom's usual one
 */
public record Choices(List<String> topics, String keywords, Frequency frequency, ZoneId timeZone, int sendHour,
		boolean alerts, @Nullable LocalDate pausedUntil, boolean linkTracking, @Nullable DayOfWeek weeklyDay) {
}
