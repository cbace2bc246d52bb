package news.dispatch.delivery;

/**
 * The SMTP server itself cannot be used (cannot connect, refuses the login). No message
 * can go out, so the send step fails; the operator fixes the server or the settings and
 * restarts the run, which sends only what was not sent.
 */
public class SmtpUnavailableException extends RuntimeException {

	SmtpUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
