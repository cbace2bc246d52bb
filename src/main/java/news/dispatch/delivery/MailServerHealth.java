package news.dispatch.delivery;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the SMTP server: UP when it answers a connection with its 220 greeting within
 * the connect timeout. The embedded server of the default setup is always UP.
 */
@Component("smtp")
class MailServerHealth extends AbstractHealthIndicator {

	private final SmtpSettings smtp;

	private final MailSettings mail;

	MailServerHealth(SmtpSettings smtp, MailSettings mail) {
		super("SMTP health check failed");
		this.smtp = smtp;
		this.mail = mail;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		if (this.smtp.embedded()) {
			builder.up().withDetail("server", "embedded (mail kept in the outbox)");
			return;
		}
		int timeout = (int) this.mail.connectTimeout().toMillis();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.smtp.host(), this.smtp.port()), timeout);
			socket.setSoTimeout(timeout);
			String greeting = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			builder.withDetail("server", this.smtp.host() + ":" + this.smtp.port())
				.withDetail("greeting", String.valueOf(greeting));
			if (greeting != null && greeting.startsWith("220")) {
				builder.up();
			}
			else {
				builder.down();
			}
		}
	}

}
