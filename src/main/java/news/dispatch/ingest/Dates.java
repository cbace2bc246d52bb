package news.dispatch.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the publication times that pages and article files carry: ISO 8601 with or
 * without an offset (UTC when none), a plain date, or RFC 1123 as in RSS; and, for feed
 * dates Rome cannot read, RFC 822 as feeds bend it (a long weekday or month name, a
 * "GMT+0100" or named zone, a two-digit year, no seconds).
 */
final class Dates {

	private static final List<DateTimeFormatter> ZONED = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
			DateTimeFormatter.RFC_1123_DATE_TIME,
			DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm[:ss] zzz", Locale.ENGLISH));

	/**
	 * What feeds write beside RFC 822 once the weekday is gone and a named or "GMT+hhmm"
	 * zone is an offset: long month names, two-digit years, one-digit hours, no seconds;
	 * and ISO 8601 with an offset without its colon ("+0000"), as Open Graph tags often
	 * have it.
	 */
	private static final List<DateTimeFormatter> LENIENT = java.util.stream.Stream
		.of("d MMM yy H:mm[:ss] Z", "d MMM yyyy H:mm[:ss][.SSS] Z", "d MMMM yyyy H:mm[:ss][.SSS] Z",
				"d MMM yyyy H:mm[:ss] XXX", "MMM d, yyyy H:mm[:ss] Z", "MMMM d, yyyy H:mm[:ss] Z",
				"yyyy-MM-dd H:mm[:ss] Z", "yyyy-MM-dd'T'H:mm[:ss][.SSS]Z", "yyyy-MM-dd'T'H:mm[:ss][.SSSSSS]Z")
		.map((pattern) -> new DateTimeFormatterBuilder().parseCaseInsensitive()
			.appendPattern(pattern)
			.toFormatter(Locale.ENGLISH))
		.toList();

	private static final Pattern WEEKDAY = Pattern
		.compile("^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+", Pattern.CASE_INSENSITIVE);

	private static final Pattern GMT_OFFSET = Pattern.compile("\\s*\\b(?:GMT|UTC|UT)\\s*([+-])(\\d{1,2}):?(\\d{2})?$",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Zone abbreviations as feeds mean them: "PDT" is -07:00 even in November, where a
	 * zone id would take the standard time.
	 */
	private static final Map<String, String> NAMED_ZONES = Map.ofEntries(Map.entry("GMT", "+0000"),
			Map.entry("UTC", "+0000"), Map.entry("UT", "+0000"), Map.entry("Z", "+0000"), Map.entry("EST", "-0500"),
			Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"), Map.entry("MST", "-0700"),
			Map.entry("MDT", "-0600"), Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"), Map.entry("AKST", "-0900"),
			Map.entry("AKDT", "-0800"), Map.entry("HST", "-1000"), Map.entry("BST", "+0100"), Map.entry("WET", "+0000"),
			Map.entry("WEST", "+0100"), Map.entry("CET", "+0100"), Map.entry("CEST", "+0200"),
			Map.entry("MET", "+0100"), Map.entry("MEST", "+0200"), Map.entry("EET", "+0200"),
			Map.entry("EEST", "+0300"), Map.entry("MSK", "+0300"), Map.entry("JST", "+0900"), Map.entry("KST", "+0900"),
			Map.entry("AEST", "+1000"), Map.entry("AEDT", "+1100"), Map.entry("NZST", "+1200"),
			Map.entry("NZDT", "+1300"));

	private static final Pattern NAMED_ZONE = Pattern.compile("\\s([A-Za-z]{1,5})$");

	private Dates() {
	}

	/**
	 * The instant the text names, or null when it names none this class can read.
	 */
	static @Nullable Instant parse(@Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String text = raw.strip();
		Matcher named = NAMED_ZONE.matcher(text);
		if (named.find() && NAMED_ZONES.containsKey(named.group(1).toUpperCase(Locale.ROOT))) {
			// before java.time reads "PDT" as Los Angeles time, which is PST in winter
			Instant instant = lenient(text);
			if (instant != null) {
				return instant;
			}
		}
		for (DateTimeFormatter format : ZONED) {
			try {
				ZonedDateTime time = ZonedDateTime.parse(text, format);
				if (time.getYear() < 100) {
					// "26 Nov 26": a two-digit year, read as the year 26
					break;
				}
				return time.toInstant();
			}
			catch (DateTimeParseException ex) {
				// try the next shape
			}
		}
		try {
			return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
		}
		catch (DateTimeParseException ex) {
			// no offset
		}
		try {
			return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			// no time
		}
		try {
			return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return lenient(text);
		}
	}

	private static @Nullable Instant lenient(String text) {
		String shape = WEEKDAY.matcher(text).replaceFirst("").replaceAll("\\s+", " ");
		Matcher gmt = GMT_OFFSET.matcher(shape);
		if (gmt.find()) {
			String hours = (gmt.group(2).length() == 1) ? "0" + gmt.group(2) : gmt.group(2);
			shape = shape.substring(0, gmt.start()) + " " + gmt.group(1) + hours
					+ ((gmt.group(3) != null) ? gmt.group(3) : "00");
		}
		Matcher named = NAMED_ZONE.matcher(shape);
		if (named.find() && NAMED_ZONES.containsKey(named.group(1).toUpperCase(Locale.ROOT))) {
			shape = shape.substring(0, named.start()) + " " + NAMED_ZONES.get(named.group(1).toUpperCase(Locale.ROOT));
		}
		for (DateTimeFormatter format : LENIENT) {
			try {
				return ZonedDateTime.parse(shape, format).toInstant();
			}
			catch (DateTimeParseException ex) {
				// try the next shape
			}
		}
		return null;
	}

}
