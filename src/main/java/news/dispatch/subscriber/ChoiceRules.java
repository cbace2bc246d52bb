package news.dispatch.subscriber;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import news.dispatch.system.DispatchSettings;
import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.InvalidQueryException;
import news.dispatch.topic.QueryLanguage;
import news.dispatch.topic.Topic;
import news.dispatch.topic.Topics;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks what a reader typed into a form by the rules of the subscriber import: an email
 * address, catalog topics, keywords in the topic language, a frequency, an hour 0–23 and
 * an IANA time zone, the weekday of a weekly digest, and a pause that ends in the future.
 */
@Component
class ChoiceRules {

	private static final int DEFAULT_SEND_HOUR = 7;

	/** The longest keywords a reader may write (the form's {@code maxlength}). */
	static final int MAX_KEYWORDS = 1000;

	private final Topics topics;

	private final ZoneId defaultZone;

	ChoiceRules(Topics topics, DispatchSettings settings) {
		this.topics = topics;
		this.defaultZone = settings.zone();
	}

	/** The longest name a reader may give (the form's {@code maxlength}). */
	static final int MAX_NAME = 100;

	/**
	 * A reader's name as they gave it, spaces tidied; empty when they gave none.
	 */
	String name(@Nullable String value) {
		String name = (value != null) ? value.strip().replaceAll("\\s+", " ") : "";
		if (name.length() > MAX_NAME) {
			throw new InvalidChoiceException("name",
					"Your name is " + name.length() + " characters long; keep it to " + MAX_NAME + ".");
		}
		if (name.codePoints().anyMatch(Character::isISOControl)) {
			throw new InvalidChoiceException("name", "Your name has a control character in it; type it again.");
		}
		return name;
	}

	String email(@Nullable String value) {
		return check("email", () -> SubscriberImport.address((value != null) ? value.strip() : ""));
	}

	Choices choices(ChoicesInput input) {
		List<String> names = input.topicsOrNone()
			.stream()
			.map(String::strip)
			.filter((n) -> !n.isEmpty())
			.distinct()
			.toList();
		String keywords = blank(input.keywords()) ? "" : input.keywords().strip();
		if (keywords.length() > MAX_KEYWORDS) {
			throw new InvalidChoiceException("keywords", "Your keywords are " + keywords.length()
					+ " characters long; keep them to " + MAX_KEYWORDS + ", or choose topics from the list.");
		}
		if (!keywords.isEmpty()) {
			try {
				QueryLanguage.parse(keywords);
			}
			catch (InvalidQueryException ex) {
				throw new InvalidChoiceException("keywords", "Your keywords are not a valid query at " + ex.getMessage()
						+ ". Write words, \"quoted phrases\", OR, -exclusions and (parentheses).");
			}
		}
		topicIds(names);
		if (names.isEmpty() && keywords.isEmpty()) {
			throw new InvalidChoiceException("topics", "Choose at least one topic or write your own keywords.");
		}
		Frequency frequency = blank(input.frequency()) ? Frequency.DAILY
				: Frequency.parse(input.frequency())
					.orElseThrow(() -> new InvalidChoiceException("frequency",
							"The frequency \"" + input.frequency() + "\" is not daily, weekly or none."));
		int hour = blank(input.sendHour()) ? DEFAULT_SEND_HOUR
				: check("sendHour", () -> SubscriberImport.hour(input.sendHour().strip()));
		ZoneId zone = blank(input.timeZone()) ? this.defaultZone
				: check("timeZone", () -> SubscriberImport.zone(input.timeZone().strip()));
		return new Choices(names, keywords, frequency, zone, hour, Boolean.TRUE.equals(input.alerts()),
				pausedUntil(input.pausedUntil()), !Boolean.TRUE.equals(input.untracked()),
				weeklyDay(input.weeklyDay()));
	}

	/**
	 * The ids of the named catalog topics.
	 * @throws InvalidChoiceException naming the first topic not in the catalog
	 */
	List<Long> topicIds(List<String> names) {
		List<Long> ids = new ArrayList<>();
		for (String name : names) {
			Topic topic = this.topics.findByName(name)
				.orElseThrow(() -> new InvalidChoiceException("topics",
						"There is no topic \"" + name + "\"; choose among the topics listed."));
			ids.add(topic.id());
		}
		return ids;
	}

	private static @Nullable DayOfWeek weeklyDay(@Nullable String value) {
		if (blank(value)) {
			return null;
		}
		if (value.strip().length() > DayOfWeek.WEDNESDAY.name().length()) {
			throw new InvalidChoiceException("weeklyDay", "Choose the day of your weekly digest from the list.");
		}
		return check("weeklyDay", () -> SubscriberImport.weekday(value));
	}

	private static @Nullable LocalDate pausedUntil(@Nullable String value) {
		if (blank(value)) {
			return null;
		}
		try {
			LocalDate until = LocalDate.parse(value.strip());
			if (!until.isAfter(LocalDate.now())) {
				throw new InvalidChoiceException("pausedUntil",
						"Pause until a day after today, or leave the field empty to get your digest as usual.");
			}
			return until;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidChoiceException("pausedUntil",
					"\"" + value + "\" is not a date like " + LocalDate.now().plusDays(14) + ".");
		}
	}

	private static <T> T check(String field, Supplier<T> rule) {
		try {
			return rule.get();
		}
		catch (InvalidChoiceException ex) {
			throw ex;
		}
		catch (InvalidInputException ex) {
			String message = ex.getMessage();
			throw new InvalidChoiceException(field,
					Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
