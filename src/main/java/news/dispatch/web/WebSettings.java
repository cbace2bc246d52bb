package news.dispatch.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the subscriber pages against abuse, counted in memory by one process.
 *
 * @param signUpsPerClientPerHour sign-ups one client address may send in an hour
 * @param mailsPerAddressPerDay confirmation and link mails one email address may be sent
 * in a day, whoever asks
 */
@ConfigurationProperties("dispatch.web")
record WebSettings(@DefaultValue("10") int signUpsPerClientPerHour, @DefaultValue("3") int mailsPerAddressPerDay) {
}
