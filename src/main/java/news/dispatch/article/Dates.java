package news.dispatch.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads the publication times that pages and article files carry: ISO 8601 with or
 * without an offset (UTC when none), a plain date, or RFC 1123 as in RSS.
 */
final class Dates {

	private static final List<DateTimeFormatter> ZONED = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
			DateTimeFormatter.RFC_1123_DATE_TIME,
			DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm[:ss] zzz", Locale.ENGLISH));

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
		for (DateTimeFormatter format : ZONED) {
			try {
				return ZonedDateTime.parse(text, format).toInstant();
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
			return null;
		}
	}

}
