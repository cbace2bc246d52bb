package news.dispatch.subscriber;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the signed links Dispatch mails stay valid.
 *
 * @param unsubscribe the unsubscribe link of every digest and alert: long, because
 * readers unsubscribe from old mail too
 * @param preferences the link to the reader's own page, which can change everything about
 * the subscription
 * @param confirm the double opt-in link of a sign-up; an unconfirmed sign-up is forgotten
 * after it
 */
@ConfigurationProperties("dispatch.links")
public record LinkSettings(@DefaultValue("365d") Duration unsubscribe, @DefaultValue("30d") Duration preferences,
		@DefaultValue("48h") Duration confirm) {
}
