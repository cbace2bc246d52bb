package news.dispatch.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The credentials relays present on {@code POST /api/webhooks/{provider}}. A provider
 * with none configured is refused.
 *
 * @param postmarkUsername, postmarkPassword HTTP basic, as set in Postmark's webhook URL
 * @param sendgridUsername, sendgridPassword HTTP basic, as set in SendGrid's event
 * webhook URL
 * @param mailgunSigningKey Mailgun's HTTP webhook signing key: each call's
 * {@code signature} is the HMAC-SHA256 of its timestamp and token under it
 * @param mailgunMaxAge how old a Mailgun call's timestamp may be, against replays
 * @param sesTopicArns the SNS topics whose messages the SES webhook takes
 * @param sesCertificateHosts the hosts (a regular expression) SNS signing certificates
 * and subscription confirmations may be fetched from, over https only
 */
@ConfigurationProperties("dispatch.webhooks")
public record WebhookSettings(@DefaultValue("") String postmarkUsername, @DefaultValue("") String postmarkPassword,
		@DefaultValue("") String sendgridUsername, @DefaultValue("") String sendgridPassword,
		@DefaultValue("") String mailgunSigningKey, @DefaultValue("15m") Duration mailgunMaxAge,
		@DefaultValue("") java.util.List<String> sesTopicArns,
		@DefaultValue("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?") String sesCertificateHosts) {
}
