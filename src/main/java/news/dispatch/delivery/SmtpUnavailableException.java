package news.dispatch.delivery;

import org.jspecify.annotations.Nullable;

/**
 * The SMTP server itself cannot be used (cannot connect, refuses the login). No message
 * can go out, so the send step fails; the operator fixes the server or the settings and
 * restarts the run, which sends only what was not sent.
 */
public class SmtpUnavailableException extends RuntimeException {

	private final boolean mayRecover;

	SmtpUnavailableException(String message, @Nullable Throwable cause, boolean mayRecover) {
		super(message, cause);
		this.mayRecover = mayRecover;
	}

	/**
	 * Whether trying again after a pause may help (a server that is down may come back;
	 * one that refuses the login will not).
	 */
	boolean mayRecover() {
		return this.mayRecover;
	}

}
