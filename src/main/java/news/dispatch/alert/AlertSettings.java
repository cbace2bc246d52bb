package news.dispatch.alert;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts are sent (see {@code jobs/alert/job.yml}).
 *
 * @param dailyCap the most alerts one reader gets in a day (their own calendar day); the
 * rest are reported as over the cap and left for their digest; 0 for no cap
 * @param quietFrom the start of the quiet hours in each reader's own time zone, like
 * {@code 22:00}; empty for none
 * @param quietUntil the end of the quiet hours, like {@code 07:00}; an alert due in
 * between is held, and the story goes in the reader's next digest instead
 * @param connections SMTP connections of the alert's own, beside any digest's
 * @param chunkSize unsent messages read from the ledger per transaction; the connections
 * take them as each is free, so it need not grow with the connections
 * @param recentDays how far back the editor page lists articles
 * @param recentArticles the most articles the editor page lists
 */
@ConfigurationProperties("dispatch.alert")
public record AlertSettings(@DefaultValue("3") int dailyCap, @DefaultValue("22:00") String quietFrom,
		@DefaultValue("07:00") String quietUntil, @DefaultValue("2") int connections, @DefaultValue("50") int chunkSize,
		@DefaultValue("2") int recentDays, @DefaultValue("30") int recentArticles) {

	public AlertSettings {
		if (dailyCap < 0) {
			throw new IllegalArgumentException(
					"dispatch.alert.daily-cap is " + dailyCap + "; set it to 0 (no cap) or more.");
		}
		if (connections < 1) {
			throw new IllegalArgumentException(
					"dispatch.alert.connections is " + connections + "; set it to 1 or more.");
		}
		time("dispatch.alert.quiet-from", quietFrom);
		time("dispatch.alert.quiet-until", quietUntil);
	}

	/**
	 * Whether a reader whose clock shows this time is in their quiet hours.
	 */
	boolean quiet(LocalTime local) {
		LocalTime from = time("dispatch.alert.quiet-from", this.quietFrom);
		LocalTime until = time("dispatch.alert.quiet-until", this.quietUntil);
		if (from == null || until == null || from.equals(until)) {
			return false;
		}
		return from.isBefore(until) ? !local.isBefore(from) && local.isBefore(until)
				: !local.isBefore(from) || local.isBefore(until);
	}

	private static @Nullable LocalTime time(String key, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					key + " is \"" + value + "\"; set it to a time like 22:00, or leave it empty for no quiet hours.");
		}
	}

}
