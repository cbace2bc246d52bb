package news.dispatch.delivery;

import java.io.IOException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Sends messages over one SMTP connection, kept open from message to message, and says
 * what the server answered. A refusal of one message is an outcome; a server that cannot
 * be reached or refuses the login is an {@link SmtpUnavailableException}.
 */
class Postman implements AutoCloseable {

	/**
	 * What became of one message.
	 *
	 * @param reply the server's reply, or what went wrong
	 */
	record Outcome(DeliveryStatus status, String reply) {
	}

	private final MailServer server;

	private @Nullable Transport transport;

	Postman(MailServer server) {
		this.server = server;
	}

	Outcome send(MimeMessage message) {
		Transport connection = connect();
		try {
			connection.sendMessage(message, message.getAllRecipients());
			return new Outcome(DeliveryStatus.SENT, reply(connection, "250 accepted"));
		}
		catch (SendFailedException ex) {
			int code = code(ex);
			String reply = (ex.getMessage() != null) ? ex.getMessage() : "refused";
			if (code >= 500) {
				return new Outcome(DeliveryStatus.BOUNCED, reply);
			}
			if (code < 400) {
				// no reply code: the connection went away mid-message; it may or may not
				// have arrived
				close();
			}
			return new Outcome(DeliveryStatus.RETRY, reply);
		}
		catch (MessagingException ex) {
			// the connection broke (timeout, reset): try again later, on a new connection
			close();
			return new Outcome(DeliveryStatus.RETRY, "connection lost: " + rootMessage(ex));
		}
	}

	private Transport connect() {
		// Transport.isConnected() would send a NOOP per message; a broken connection
		// shows
		// itself on the next send instead, and is closed there.
		if (this.transport != null) {
			return this.transport;
		}
		try {
			Transport connection = this.server.session().getTransport("smtp");
			connection.connect(this.server.username(), this.server.password());
			this.transport = connection;
			return connection;
		}
		catch (AuthenticationFailedException ex) {
			throw new SmtpUnavailableException("The SMTP server " + this.server.describe()
					+ " refused the login; check spring.mail.username and spring.mail.password, then restart the run"
					+ " (dispatch jobs restart ID).", ex);
		}
		catch (MessagingException ex) {
			throw new SmtpUnavailableException("Cannot connect to the SMTP server " + this.server.describe() + " ("
					+ rootMessage(ex) + "); check spring.mail.host and spring.mail.port, then restart the run"
					+ " (dispatch jobs restart ID).", ex);
		}
	}

	private static int code(SendFailedException ex) {
		if (ex instanceof SMTPSendFailedException failed) {
			return failed.getReturnCode();
		}
		Exception next = ex.getNextException();
		while (next != null) {
			if (next instanceof SMTPAddressFailedException address) {
				return address.getReturnCode();
			}
			if (next instanceof SMTPSendFailedException failed) {
				return failed.getReturnCode();
			}
			next = (next instanceof MessagingException messaging) ? messaging.getNextException() : null;
		}
		return (ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0) ? 550 : -1;
	}

	private static String reply(Transport connection, String fallback) {
		if (connection instanceof SMTPTransport smtp && smtp.getLastServerResponse() != null) {
			return smtp.getLastServerResponse().strip();
		}
		return fallback;
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root instanceof IOException) ? root.getClass().getSimpleName() + ": " + message : message;
	}

	@Override
	public void close() {
		if (this.transport != null) {
			try {
				this.transport.close();
			}
			catch (MessagingException ex) {
				// the connection is gone either way
			}
			this.transport = null;
		}
	}

}
