package news.dispatch.feedback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bounce mailbox {@code dispatch serve} reads: where the return paths' mail arrives.
 *
 * @param host the IMAP or POP3 server; empty: no mailbox is read
 * @param protocol {@code imap} or {@code pop3}
 * @param port the server's port; 0 for the protocol's usual one (143/993, 110/995)
 * @param tls whether to connect over TLS (IMAPS, POP3S)
 * @param folder the folder to read (POP3 has only INBOX)
 * @param interval the pause between two readings
 * @param afterReading {@code move} (IMAP only: to {@code moveTo}) or {@code delete}; what
 * is done with every message read, taken in or not
 * @param moveTo the IMAP folder read messages are moved to, created when missing
 */
@ConfigurationProperties("dispatch.feedback.mailbox")
public record MailboxSettings(@DefaultValue("") String host, @DefaultValue("imap") String protocol,
		@DefaultValue("0") int port, @DefaultValue("false") boolean tls, @DefaultValue("") String username,
		@DefaultValue("") String password, @DefaultValue("INBOX") String folder, @DefaultValue("5m") Duration interval,
		@DefaultValue("move") String afterReading, @DefaultValue("Dispatch-Read") String moveTo) {

	public MailboxSettings {
		if (!protocol.equals("imap") && !protocol.equals("pop3")) {
			throw new IllegalArgumentException(
					"dispatch.feedback.mailbox.protocol is \"" + protocol + "\"; set it to imap or pop3.");
		}
		if (!afterReading.equals("move") && !afterReading.equals("delete")) {
			throw new IllegalArgumentException(
					"dispatch.feedback.mailbox.after-reading is \"" + afterReading + "\"; set it to move or delete.");
		}
		if (protocol.equals("pop3") && afterReading.equals("move")) {
			// POP3 has one folder: nothing to move to
			afterReading = "delete";
		}
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException(
					"dispatch.feedback.mailbox.interval is " + interval + "; set it to a positive duration like 5m.");
		}
	}

	public boolean enabled() {
		return !this.host.isBlank();
	}

	/**
	 * {@code host:port} and the protocol, for messages.
	 */
	public String describe() {
		return this.protocol + (this.tls ? "s" : "") + "://" + this.host + ((this.port > 0) ? ":" + this.port : "")
				+ "/" + this.folder;
	}

}
