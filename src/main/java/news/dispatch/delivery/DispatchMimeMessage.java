package news.dispatch.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A MIME message whose Message-ID is the ledger's, not one Jakarta Mail makes up:
 * {@code saveChanges()} would otherwise replace it. As an {@link SMTPMessage} it can
 * carry an envelope sender of its own (the per-message return path).
 */
class DispatchMimeMessage extends SMTPMessage {

	private final String messageId;

	DispatchMimeMessage(Session session, String messageId) {
		super(session);
		this.messageId = messageId;
	}

	@Override
	protected void updateMessageID() throws MessagingException {
		setHeader("Message-ID", this.messageId);
	}

}
