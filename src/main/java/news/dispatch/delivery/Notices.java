package news.dispatch.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sends single messages that are not part of an edition, such as the confirmation of a
 * sign-up: the same server, sender, headers and MIME shape as digests, one connection per
 * message, no ledger row. A message the server does not take is logged and dropped: the
 * reader can ask again.
 */
@Component
public class Notices {

	private static final Logger log = LoggerFactory.getLogger(Notices.class);

	private final MailServer server;

	private final MessageFactory messages;

	private final MailSettings settings;

	Notices(MailServer server, MessageFactory messages, MailSettings settings) {
		this.server = server;
		this.messages = messages;
		this.settings = settings;
	}

	/**
	 * Sends the message now.
	 * @param kind what it is ({@code confirm}, {@code link}), part of its Message-ID
	 * @return whether the SMTP server accepted it
	 */
	public boolean send(String kind, long subscriberId, ComposedMessage composed) {
		String messageId = "<" + kind + "." + System.currentTimeMillis() + "." + subscriberId + "@"
				+ this.settings.messageIdDomain() + ">";
		try (SmtpConnection connection = new SmtpConnection(this.server)) {
			MimeMessage message = this.messages.create(this.server.session(), messageId, composed);
			SmtpConnection.Outcome outcome = connection.send(message);
			if (outcome.status() != DeliveryStatus.SENT) {
				log.warn("The {} message to subscriber {} was refused: {}", kind, subscriberId, outcome.reply());
				return false;
			}
			return true;
		}
		catch (MessagingException | RuntimeException ex) {
			log.warn("The {} message to subscriber {} could not be sent: {}", kind, subscriberId, ex.getMessage());
			return false;
		}
		finally {
			this.server.flushOutbox();
		}
	}

}
