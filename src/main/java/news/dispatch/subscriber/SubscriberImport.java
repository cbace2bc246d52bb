package news.dispatch.subscriber;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import news.dispatch.system.DispatchSettings;
import news.dispatch.system.ImportReport;
import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.InvalidQueryException;
import news.dispatch.topic.QueryLanguage;
import news.dispatch.topic.Topic;
import news.dispatch.topic.Topics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports subscribers from CSV with a header:
 * {@code email,name,topics,frequency,timezone,
 * send_hour,alerts,keywords,weekday}. Only {@code email} is required; topics are
 * separated by {@code ;}; {@code keywords} is the subscriber's own query in the topic
 * language. A line that is not valid (an invalid keyword query included) is refused with
 * its number and the reason; the others are kept. An address already known is updated; an
 * address whose reader asked to be erased is refused.
 */
@Service
public class SubscriberImport {

	static final List<String> COLUMNS = List.of("email", "name", "topics", "frequency", "timezone", "send_hour",
			"alerts", "keywords", "weekday");

	private static final int DEFAULT_SEND_HOUR = 7;

	private final Subscribers subscribers;

	private final Topics topics;

	private final ZoneId defaultZone;

	private final Erasures erasures;

	SubscriberImport(Subscribers subscribers, Topics topics, DispatchSettings settings, Erasures erasures) {
		this.subscribers = subscribers;
		this.erasures = erasures;
		this.topics = topics;
		this.defaultZone = settings.zone();
	}

	@Transactional
	public ImportReport importFile(Path file) {
		ImportReport report = new ImportReport();
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setTrim(true)
			.setIgnoreEmptyLines(true)
			.get();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser csv = CSVParser.parse(reader, format)) {
			checkHeader(file, csv.getHeaderNames());
			Set<String> seen = new HashSet<>();
			Set<String> erased = this.erasures.erasedHashes();
			for (CSVRecord record : csv) {
				int line = (int) record.getRecordNumber() + 1;
				try {
					Line form = line(record);
					if (!seen.add(form.email())) {
						throw new InvalidInputException(
								"the address " + form.email() + " appears twice in the file; keep one line");
					}
					this.erasures.refuseErased(form.email(), erased);
					List<Long> topicIds = topicIds(form.choices().topics());
					DayOfWeek weekday = field(record, "weekday").map(SubscriberImport::weekday).orElse(null);
					boolean added = this.subscribers.save(form.email(), form.name(), form.choices(), topicIds);
					this.subscribers.setWeeklyDay(form.email(), weekday);
					if (added) {
						report.added();
					}
					else {
						report.changed();
					}
				}
				catch (InvalidInputException ex) {
					report.refused(line, ex.getMessage());
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new InvalidInputException("Cannot read the subscribers file " + file + " (" + ex.getMessage()
					+ "); check the path and that it is UTF-8 CSV.", ex);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidInputException(file + " is not valid CSV (" + ex.getMessage()
					+ "); the first line must be the header " + String.join(",", COLUMNS) + ".", ex);
		}
		return report;
	}

	private static void checkHeader(Path file, List<String> header) {
		if (!header.contains("email")) {
			throw new InvalidInputException(file + " has no email column; the first line must be a header such as "
					+ String.join(",", COLUMNS) + ".");
		}
		for (String column : header) {
			if (!COLUMNS.contains(column)) {
				throw new InvalidInputException(file + " has an unknown column \"" + column + "\"; the columns are "
						+ String.join(",", COLUMNS) + ".");
			}
		}
	}

	/**
	 * One line of the file: who, and what they asked for.
	 */
	private record Line(String email, String name, Choices choices) {
	}

	private Line line(CSVRecord record) {
		if (!record.isConsistent()) {
			throw new InvalidInputException("the line has " + record.size() + " fields but the header has "
					+ record.getParser().getHeaderNames().size() + "; quote values that contain commas");
		}
		String email = address(field(record, "email").orElse(""));
		String name = field(record, "name").orElse("");
		List<String> topicNames = field(record, "topics")
			.map((value) -> Arrays.stream(value.split(";"))
				.map(String::strip)
				.filter((topic) -> !topic.isEmpty())
				.toList())
			.orElse(List.of());
		Frequency frequency = field(record, "frequency")
			.map((value) -> Frequency.parse(value)
				.orElseThrow(() -> new InvalidInputException(
						"the frequency \"" + value + "\" is not daily, weekly or none")))
			.orElse(Frequency.DAILY);
		ZoneId zone = field(record, "timezone").map(SubscriberImport::zone).orElse(this.defaultZone);
		int sendHour = field(record, "send_hour").map(SubscriberImport::hour).orElse(DEFAULT_SEND_HOUR);
		boolean alerts = field(record, "alerts").map(SubscriberImport::bool).orElse(false);
		String keywords = field(record, "keywords").map(SubscriberImport::keywords).orElse("");
		return new Line(email, name,
				new Choices(topicNames, keywords, frequency, zone, sendHour, alerts, null, true, null));
	}

	private List<Long> topicIds(List<String> names) {
		List<Long> ids = new ArrayList<>();
		for (String name : names) {
			Topic topic = this.topics.findByName(name)
				.orElseThrow(() -> new InvalidInputException("the topic \"" + name
						+ "\" is not in the catalog; import it first (dispatch topics import) or fix the name"));
			ids.add(topic.id());
		}
		return ids;
	}

	private static Optional<String> field(CSVRecord record, String column) {
		if (!record.isMapped(column) || !record.isSet(column)) {
			return Optional.empty();
		}
		String value = record.get(column);
		return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
	}

	static String address(String value) {
		return EmailAddresses.normalise(value);
	}

	static ZoneId zone(String value) {
		try {
			return ZoneId.of(value);
		}
		catch (DateTimeException ex) {
			throw new InvalidInputException(
					"the time zone \"" + value + "\" is not an IANA zone id like Europe/London or America/New_York");
		}
	}

	static int hour(String value) {
		try {
			int hour = Integer.parseInt(value);
			if (hour >= 0 && hour <= 23) {
				return hour;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidInputException("the send hour \"" + value + "\" is not a whole number from 0 to 23");
	}

	/**
	 * The weekday a weekly subscriber chose: its English name or first three letters.
	 */
	static DayOfWeek weekday(String value) {
		String wanted = value.strip().toUpperCase(Locale.ROOT);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day.name().equals(wanted) || (wanted.length() == 3 && day.name().startsWith(wanted))) {
				return day;
			}
		}
		throw new InvalidInputException("the weekday \"" + value + "\" is not a day like monday or mon");
	}

	static String keywords(String value) {
		try {
			QueryLanguage.parse(value);
			return value;
		}
		catch (InvalidQueryException ex) {
			throw new InvalidInputException("the keywords '" + value + "' are not a valid query at " + ex.getMessage()
					+ "; write them as a topic query (see docs/topic-queries.md)");
		}
	}

	private static boolean bool(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1" -> true;
			case "false", "no", "0" -> false;
			default -> throw new InvalidInputException("alerts must be true or false, not \"" + value + "\"");
		};
	}

}
