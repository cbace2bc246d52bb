package news.dispatch.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID is the ledger's, not one Jakarta Mail makes up:
 * {@code saveChanges()} would otherwise replace it.
 */
class DispatchMimeMessage extends MimeMessage {

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
