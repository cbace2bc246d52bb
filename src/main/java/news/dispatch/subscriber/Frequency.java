package news.dispatch.subscriber;

import java.util.Locale;
import java.util.Optional;

/**
 * How often a subscriber wants a digest.
 */
public enum Frequency {

	DAILY, WEEKLY, NONE;

	static Optional<Frequency> parse(String value) {
		for (Frequency frequency : values()) {
			if (frequency.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
				return Optional.of(frequency);
			}
		}
		return Optional.empty();
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
