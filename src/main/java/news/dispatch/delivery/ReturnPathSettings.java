package news.dispatch.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The envelope sender (SMTP MAIL FROM) of each digest and alert: a return path of its own
 * per message, {@code LOCAL+TOKEN@DOMAIN} (VERP), where the token names the ledger row
 * and is signed with the link secret, so that a bounce arriving later is tied to its
 * message even when the returned headers are missing.
 *
 * @param enabled whether messages carry a return path of their own; off, the envelope
 * sender is the From address
 * @param localPart the mailbox before the {@code +}
 * @param domain the domain the bounces go to; empty for the domain of
 * {@code dispatch.mail.from}
 * @param feedbackSenderId the last field of the {@code Feedback-ID} header
 * (campaign:kind:sender), which mailbox providers' feedback loops report by
 */
@ConfigurationProperties("dispatch.mail.return-path")
public record ReturnPathSettings(@DefaultValue("true") boolean enabled, @DefaultValue("bounces") String localPart,
		@DefaultValue("") String domain, @DefaultValue("dispatch") String feedbackSenderId) {

	public ReturnPathSettings {
		if (!localPart.matches("[A-Za-z0-9._-]{1,30}")) {
			throw new IllegalArgumentException("dispatch.mail.return-path.local-part is \"" + localPart
					+ "\"; set it to a mailbox name of letters, digits, '.', '_' or '-', like bounces.");
		}
		if (!domain.isEmpty() && !domain.matches("[A-Za-z0-9.-]+")) {
			throw new IllegalArgumentException("dispatch.mail.return-path.domain is \"" + domain
					+ "\"; set it to a domain name like bounces.example.com, or leave it empty.");
		}
	}

}
