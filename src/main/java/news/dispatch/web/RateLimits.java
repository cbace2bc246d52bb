package news.dispatch.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Counts sign-ups per client address and mails per email address in sliding windows, so
 * that nobody can make Dispatch mail an address over and over. The counts live in this
 * process's memory: enough for one {@code serve}; several instances each count their own.
 */
@Component
class RateLimits {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration DAY = Duration.ofDays(1);

	private final Map<String, Deque<Instant>> clients = new ConcurrentHashMap<>();

	private final Map<String, Deque<Instant>> addresses = new ConcurrentHashMap<>();

	private final WebSettings settings;

	private final Clock clock = Clock.systemUTC();

	RateLimits(WebSettings settings) {
		this.settings = settings;
	}

	/**
	 * Counts a sign-up from the client address.
	 * @return whether it is within the limit
	 */
	boolean signUpFrom(String client) {
		return take(this.clients, client, HOUR, this.settings.signUpsPerClientPerHour());
	}

	/**
	 * Counts a mail to the email address.
	 * @return whether it is within the limit
	 */
	boolean mailTo(String email) {
		return take(this.addresses, email.toLowerCase(Locale.ROOT), DAY, this.settings.mailsPerAddressPerDay());
	}

	private boolean take(Map<String, Deque<Instant>> counts, String key, Duration window, int limit) {
		Instant now = this.clock.instant();
		Instant start = now.minus(window);
		if (counts.size() > 10_000) {
			counts.values().removeIf((times) -> {
				synchronized (times) {
					return times.isEmpty() || times.peekLast().isBefore(start);
				}
			});
		}
		Deque<Instant> times = counts.computeIfAbsent(key, (k) -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && times.peekFirst().isBefore(start)) {
				times.removeFirst();
			}
			if (times.size() >= limit) {
				return false;
			}
			times.addLast(now);
			return true;
		}
	}

}
