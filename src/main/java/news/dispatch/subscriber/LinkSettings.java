package news.dispatch.subscriber;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the signed links Dispatch mails stay valid.
 *
 * The unsubscribe link of every digest and alert never expires: readers unsubscribe from
 * old mail too, and a mailbox provider's one-click request must always work.
 *
 * @param preferences the link to the reader's own page, which can change everything about
 * the subscription
 * @param confirm the double opt-in link of a sign-up; an unconfirmed sign-up is forgotten
 * after it
 */
@ConfigurationProperties("dispatch.links")
public record LinkSettings(@DefaultValue("30d") Duration preferences, @DefaultValue("48h") Duration confirm) {
}
