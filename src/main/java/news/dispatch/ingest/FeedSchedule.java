package news.dispatch.ingest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What an RSS 2.0 channel says about how often to read it: {@code <ttl>} (minutes it may
 * be kept before it is read again), {@code <skipHours>} (hours of the day, GMT, in which
 * it is not to be read) and {@code <skipDays>}. Read from the channel's own elements,
 * before its first item, so an item's text cannot pose as them.
 *
 * @param ttl null when the feed gives none
 */
record FeedSchedule(@Nullable Duration ttl, Set<Integer> skipHours, Set<DayOfWeek> skipDays) {

	static final FeedSchedule NONE = new FeedSchedule(null, Set.of(), Set.of());

	private static final Pattern TTL = Pattern.compile("<ttl>\\s*(\\d{1,7})\\s*</ttl>");

	private static final Pattern SKIP_HOURS = Pattern.compile("<skipHours>(.*?)</skipHours>", Pattern.DOTALL);

	private static final Pattern SKIP_DAYS = Pattern.compile("<skipDays>(.*?)</skipDays>", Pattern.DOTALL);

	private static final Pattern HOUR = Pattern.compile("<hour>\\s*(\\d{1,2})\\s*</hour>");

	private static final Pattern DAY = Pattern.compile("<day>\\s*([A-Za-z]+)\\s*</day>");

	static FeedSchedule of(String feedText) {
		int firstItem = feedText.indexOf("<item");
		String channel = (firstItem >= 0) ? feedText.substring(0, firstItem) : feedText;
		if (!channel.contains("<ttl>") && !channel.contains("<skip")) {
			return NONE;
		}
		Matcher ttl = TTL.matcher(channel);
		Set<Integer> hours = new TreeSet<>();
		Matcher skipHours = SKIP_HOURS.matcher(channel);
		if (skipHours.find()) {
			Matcher hour = HOUR.matcher(skipHours.group(1));
			while (hour.find()) {
				int h = Integer.parseInt(hour.group(1));
				// RSS 2.0 counts 0–23; some feeds write 24 for midnight
				hours.add(h % 24);
			}
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		Matcher skipDays = SKIP_DAYS.matcher(channel);
		if (skipDays.find()) {
			Matcher day = DAY.matcher(skipDays.group(1));
			while (day.find()) {
				try {
					days.add(DayOfWeek.valueOf(day.group(1).toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					// not a day's name: ignored, as feed readers do
				}
			}
		}
		return new FeedSchedule(ttl.find() ? Duration.ofMinutes(Long.parseLong(ttl.group(1))) : null, Set.copyOf(hours),
				Set.copyOf(days));
	}

	/**
	 * The first moment at or after {@code at} that is in no skipped hour or day (GMT);
	 * when the feed skips every hour, {@code at} itself.
	 */
	Instant outsideSkips(Instant at) {
		if (this.skipHours.isEmpty() && this.skipDays.isEmpty()) {
			return at;
		}
		ZonedDateTime time = at.atZone(ZoneOffset.UTC);
		for (int i = 0; i < 24 * 8; i++) {
			if (!this.skipHours.contains(time.getHour()) && !this.skipDays.contains(time.getDayOfWeek())) {
				return time.toInstant();
			}
			time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
		}
		return at;
	}

}
