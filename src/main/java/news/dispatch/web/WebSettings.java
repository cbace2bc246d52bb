package news.dispatch.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the subscriber pages against abuse.
 *
 * @param signUpsPerClientPerHour sign-ups one client address may send in an hour
 * @param mailsPerAddressPerDay confirmation and link mails one email address may be sent
 * in a day, whoever asks
 * @param maxBodySize the largest request body any page or API call takes; a larger one is
 * refused with 413 before it is read
 */
@ConfigurationProperties("dispatch.web")
record WebSettings(@DefaultValue("10") int signUpsPerClientPerHour, @DefaultValue("3") int mailsPerAddressPerDay,
		@DefaultValue("256KB") DataSize maxBodySize) {

	WebSettings {
		if (signUpsPerClientPerHour < 1 || mailsPerAddressPerDay < 1) {
			throw new IllegalArgumentException("dispatch.web.sign-ups-per-client-per-hour and"
					+ " mails-per-address-per-day must be 1 or more; set them to the most you allow.");
		}
		if (maxBodySize.toBytes() < 1024) {
			throw new IllegalArgumentException(
					"dispatch.web.max-body-size is " + maxBodySize + "; a form needs at least 1KB, 256KB is usual.");
		}
	}

}
