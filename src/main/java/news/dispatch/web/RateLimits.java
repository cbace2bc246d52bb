package news.dispatch.web;

import java.time.Duration;
import java.util.Locale;

import news.dispatch.subscriber.SubscriberErased;
import news.dispatch.system.RateCounters;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts sign-ups per client address and mails per email address, so that nobody can make
 * Dispatch mail an address over and over. The counts are kept in the shared database
 * ({@link RateCounters}, windows of an hour and of a day): every instance of
 * {@code serve} counts against the same limit, and a restart forgets nothing.
 */
@Component
class RateLimits {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration DAY = Duration.ofDays(1);

	private final WebSettings settings;

	private final RateCounters counters;

	RateLimits(WebSettings settings, RateCounters counters) {
		this.settings = settings;
		this.counters = counters;
	}

	/**
	 * Counts a sign-up from the client address.
	 * @return whether it is within the limit
	 */
	boolean signUpFrom(String client) {
		return this.counters.take("sign-up:" + client, HOUR, this.settings.signUpsPerClientPerHour());
	}

	/**
	 * Counts a mail to the email address.
	 * @return whether it is within the limit
	 */
	boolean mailTo(String email) {
		return this.counters.take(mailBucket(email), DAY, this.settings.mailsPerAddressPerDay());
	}

	/**
	 * An erased reader's address is no longer kept, not even as a count of mails.
	 */
	@EventListener
	void on(SubscriberErased erased) {
		this.counters.clear(mailBucket(erased.email()));
	}

	private static String mailBucket(String email) {
		return "mail:" + email.toLowerCase(Locale.ROOT);
	}

}
