package news.dispatch.delivery;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Sends messages over one SMTP connection, kept open from message to message, and
 * classifies what the server answered:
 * <ul>
 * <li>accepted: {@link DeliveryStatus#SENT};</li>
 * <li>refused for good (5xx): {@link DeliveryStatus#BOUNCED}, a hard bounce for 550, 551,
 * 553 and invalid addresses;</li>
 * <li>refused for now (421, 450, 451, 452, 454, any other 4xx, a timeout, a dropped
 * connection): {@link Deferred}, to be tried again;</li>
 * <li>the server itself unusable (cannot connect, refuses the login):
 * {@link SmtpUnavailableException}.</li>
 * </ul>
 */
class SmtpConnection implements AutoCloseable {

	/**
	 * What became of one message.
	 *
	 * @param reply the server's reply, or what went wrong
	 * @param hardBounce whether the refusal counts towards suppressing the address
	 */
	record Outcome(DeliveryStatus status, String reply, boolean hardBounce) {
	}

	/**
	 * The server refused the message for now; sending it again later may succeed.
	 */
	static final class Deferred extends RuntimeException {

		Deferred(String reply) {
			super(reply, null, false, false);
		}

	}

	/**
	 * The server's answer to a command outside a message.
	 */
	record Reply(int code, String text) {

		boolean positive() {
			return this.code >= 200 && this.code < 300;
		}

	}

	private final MailServer server;

	private @Nullable Transport transport;

	/**
	 * Whether the server takes 8-bit text as it is; if not, 8bit parts go
	 * quoted-printable.
	 */
	private boolean eightBitMime;

	SmtpConnection(MailServer server) {
		this.server = server;
	}

	/**
	 * Sends one message.
	 * @throws Deferred when the server refused it for now
	 * @throws SmtpUnavailableException when the server cannot be used at all
	 */
	Outcome send(MimeMessage message) {
		Transport connection = connect();
		try {
			if (!this.eightBitMime) {
				MessageFactory.toSevenBit(message);
			}
			connection.sendMessage(message, message.getAllRecipients());
			return new Outcome(DeliveryStatus.SENT, reply(connection), false);
		}
		catch (SendFailedException ex) {
			MessagingException refusal = refusal(ex);
			int code = code(refusal, ex);
			String reply = (refusal.getMessage() != null) ? refusal.getMessage().strip() : "refused";
			if (code == 530 || code == 534 || code == 535 || code == 538) {
				close();
				throw new SmtpUnavailableException(
						"The SMTP server " + this.server.describe() + " refused to send without a valid login (" + reply
								+ "); check spring.mail.username, spring.mail.password and dispatch.mail.starttls, then"
								+ " restart the run (dispatch jobs restart ID).",
						ex, false);
			}
			if (code >= 500) {
				return new Outcome(DeliveryStatus.BOUNCED, reply, code == 550 || code == 551 || code == 553);
			}
			if (code < 400 || code == 421) {
				// no reply at all (the connection went away mid-message) or the server is
				// closing it: go on over a new connection
				close();
			}
			throw new Deferred((code < 400) ? "connection lost: " + rootMessage(ex) : reply);
		}
		catch (IllegalStateException ex) {
			// Angus found the connection closed under it: go on over a new one
			close();
			throw new Deferred("connection lost: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot re-encode a message for a server without 8BITMIME", ex);
		}
		catch (MessagingException ex) {
			if (isInvalidAddress(ex)) {
				return new Outcome(DeliveryStatus.BOUNCED, "invalid address: " + rootMessage(ex), true);
			}
			// the connection broke (timeout, reset): try again on a new connection
			close();
			throw new Deferred((isTimeout(ex) ? "timed out: " : "connection lost: ") + rootMessage(ex));
		}
	}

	/**
	 * Sends one command that is not part of a message (NOOP, RSET, or MAIL and RCPT that
	 * no DATA follows) and returns the server's reply.
	 * @throws SmtpUnavailableException when the server cannot be reached or stops
	 * answering
	 */
	Reply command(String line) {
		Transport connection = connect();
		if (!(connection instanceof SMTPTransport smtp)) {
			throw new IllegalStateException("Not an SMTP transport: " + connection.getClass().getName());
		}
		try {
			int code = smtp.simpleCommand(line);
			String text = smtp.getLastServerResponse();
			return new Reply(code, (text != null) ? text.strip() : Integer.toString(code));
		}
		catch (MessagingException ex) {
			close();
			throw new SmtpUnavailableException("The SMTP server " + this.server.describe() + " stopped answering ("
					+ rootMessage(ex) + "); check spring.mail.host and spring.mail.port, and try again.", ex, true);
		}
	}

	/**
	 * Opens the connection now, if it is not open.
	 * @throws SmtpUnavailableException when the server cannot be used at all
	 */
	void open() {
		connect();
	}

	private Transport connect() {
		// Transport.isConnected() would send a NOOP per message; a broken connection
		// shows itself on the next send instead, and is closed there.
		if (this.transport != null) {
			return this.transport;
		}
		try {
			Transport connection = this.server.session().getTransport("smtp");
			connection.connect(this.server.username(), this.server.password());
			this.eightBitMime = connection instanceof SMTPTransport smtp && smtp.supportsExtension("8BITMIME");
			this.transport = connection;
			return connection;
		}
		catch (AuthenticationFailedException ex) {
			throw new SmtpUnavailableException("The SMTP server " + this.server.describe() + " refused the login"
					+ reason(ex) + "; check spring.mail.username and spring.mail.password, then restart the run"
					+ " (dispatch jobs restart ID).", ex, false);
		}
		catch (MessagingException ex) {
			if (String.valueOf(ex.getMessage()).contains("STARTTLS is required")) {
				throw new SmtpUnavailableException("The SMTP server " + this.server.describe()
						+ " does not offer STARTTLS, and dispatch.mail.starttls=required forbids sending in clear;"
						+ " use the server's submission port (often 587) or a server that offers TLS, or set"
						+ " dispatch.mail.starttls=optional if clear text is acceptable, then restart the run"
						+ " (dispatch jobs restart ID).", ex, false);
			}
			if (isTlsFailure(ex)) {
				throw new SmtpUnavailableException("The TLS handshake with the SMTP server " + this.server.describe()
						+ " failed (" + rootMessage(ex) + "); if the server's certificate is self-signed or names"
						+ " another host, trust it with spring.mail.properties.mail.smtp.ssl.trust=HOST, then"
						+ " restart the run (dispatch jobs restart ID).", ex, false);
			}
			throw new SmtpUnavailableException("Cannot connect to the SMTP server " + this.server.describe() + " ("
					+ rootMessage(ex) + "); check spring.mail.host and spring.mail.port, then restart the run"
					+ " (dispatch jobs restart ID).", ex, true);
		}
	}

	private static String reason(MessagingException ex) {
		String reply = (ex.getMessage() != null) ? ex.getMessage().strip() : "";
		return reply.isEmpty() ? "" : " (" + reply + ")";
	}

	private static boolean isTlsFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause instanceof SSLException || cause instanceof CertificateException) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Throwable next(Throwable ex) {
		Throwable cause = (ex instanceof MessagingException messaging && messaging.getNextException() != null)
				? messaging.getNextException() : ex.getCause();
		return (cause != ex) ? cause : null;
	}

	/**
	 * The exception that carries the server's reply: Angus wraps a refused recipient in a
	 * SendFailedException that says only "Invalid Addresses".
	 */
	private static MessagingException refusal(SendFailedException ex) {
		if (ex instanceof SMTPSendFailedException) {
			return ex;
		}
		Exception next = ex.getNextException();
		while (next != null) {
			if (next instanceof SMTPAddressFailedException || next instanceof SMTPSendFailedException) {
				return (MessagingException) next;
			}
			next = (next instanceof MessagingException messaging) ? messaging.getNextException() : null;
		}
		return ex;
	}

	private static int code(MessagingException refusal, SendFailedException ex) {
		if (refusal instanceof SMTPSendFailedException failed) {
			return failed.getReturnCode();
		}
		if (refusal instanceof SMTPAddressFailedException address) {
			return address.getReturnCode();
		}
		return (ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0) ? 550 : -1;
	}

	private static boolean isInvalidAddress(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof AddressException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String reply(Transport connection) {
		if (connection instanceof SMTPTransport smtp && smtp.getLastServerResponse() != null) {
			return smtp.getLastServerResponse().strip();
		}
		return "250 accepted";
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
