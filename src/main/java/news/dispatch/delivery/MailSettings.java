package news.dispatch.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages are addressed and sent.
 *
 * @param from the sender, with a display name
 * @param replyTo where replies go, when not to the sender
 * @param messageIdDomain the right-hand side of every deterministic Message-ID
 * @param connectTimeout, readTimeout, writeTimeout always set: a server that stalls never
 * hangs a run
 * @param starttls whether to upgrade the connection with STARTTLS: {@code off},
 * {@code optional} (when the server offers it) or {@code required}; the login
 * ({@code spring.mail.username}) then happens over TLS
 */
@ConfigurationProperties("dispatch.mail")
public record MailSettings(@DefaultValue("Dispatch <digest@dispatch.example.com>") String from,
		@Nullable String replyTo, @DefaultValue("dispatch.example.com") String messageIdDomain,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("30s") Duration writeTimeout, @DefaultValue("off") StartTls starttls) {

	/**
	 * When to upgrade the SMTP connection to TLS.
	 */
	public enum StartTls {

		/** Never: for a relay on the same host or network. */
		OFF,
		/** When the server offers it. */
		OPTIONAL,
		/** Always: a server that does not offer it is refused. */
		REQUIRED

	}

}
