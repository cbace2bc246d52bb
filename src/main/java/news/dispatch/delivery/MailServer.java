package news.dispatch.delivery;

import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;
import news.dispatch.system.DispatchSettings;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The SMTP server Dispatch sends to: the configured one, or, with no
 * {@code spring.mail.host}, an embedded one started on first use whose mail lands in the
 * outbox.
 */
@Component
public class MailServer implements AutoCloseable {

	static {
		// Jakarta Mail finds its stream provider with a ServiceLoader each time it builds
		// or
		// writes a message part; in Spring Boot's nested jar that scan took an eighth of
		// the
		// time of sending. Named here, it is one class lookup.
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
		}
	}

	private final SmtpSettings smtp;

	private final MailSettings mail;

	private final DispatchSettings dispatch;

	private @Nullable EmbeddedSmtp embedded;

	private @Nullable Session session;

	MailServer(SmtpSettings smtp, MailSettings mail, DispatchSettings dispatch) {
		this.smtp = smtp;
		this.mail = mail;
		this.dispatch = dispatch;
	}

	synchronized Session session() {
		if (this.session == null) {
			this.session = Session.getInstance(properties());
		}
		return this.session;
	}

	/**
	 * Host and port, for messages to operators.
	 */
	public synchronized String describe() {
		return this.smtp.embedded() ? "the embedded SMTP server (mail kept in " + this.dispatch.outboxDir() + ")"
				: this.smtp.host() + ":" + this.smtp.port();
	}

	public boolean isEmbedded() {
		return this.smtp.embedded();
	}

	/**
	 * Writes mail the embedded server received to the outbox; nothing for a real server.
	 */
	public synchronized int flushOutbox() {
		return (this.embedded != null) ? this.embedded.flush() : 0;
	}

	@Nullable String username() {
		return this.smtp.username();
	}

	@Nullable String password() {
		return this.smtp.password();
	}

	private Properties properties() {
		String host = this.smtp.host();
		int port = this.smtp.port();
		if (this.smtp.embedded()) {
			this.embedded = new EmbeddedSmtp(this.dispatch.outboxDir());
			host = "127.0.0.1";
			port = this.embedded.port();
		}
		Properties properties = new Properties();
		properties.put("mail.transport.protocol", "smtp");
		properties.put("mail.smtp.host", host);
		properties.put("mail.smtp.port", Integer.toString(port));
		properties.put("mail.smtp.connectiontimeout", Long.toString(this.mail.connectTimeout().toMillis()));
		properties.put("mail.smtp.timeout", Long.toString(this.mail.readTimeout().toMillis()));
		properties.put("mail.smtp.writetimeout", Long.toString(this.mail.writeTimeout().toMillis()));
		properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
		properties.put("mail.smtp.socketFactory.fallback", "false");
		// text parts go as 8-bit UTF-8 to servers that accept it (8BITMIME, nearly all):
		// quoted-printable adds a tenth to a digest
		properties.put("mail.smtp.allow8bitmime", "true");
		if (this.smtp.username() != null) {
			properties.put("mail.smtp.auth", "true");
		}
		if (!this.smtp.embedded() && this.mail.starttls() != MailSettings.StartTls.OFF) {
			properties.put("mail.smtp.starttls.enable", "true");
			properties.put("mail.smtp.starttls.required",
					Boolean.toString(this.mail.starttls() == MailSettings.StartTls.REQUIRED));
			properties.put("mail.smtp.ssl.checkserveridentity", "true");
		}
		properties.putAll(this.smtp.properties());
		return properties;
	}

	@Override
	public synchronized void close() {
		if (this.embedded != null) {
			this.embedded.close();
			this.embedded = null;
		}
	}

}
