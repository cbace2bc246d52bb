package news.dispatch.delivery;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server, with Spring Boot's usual keys. With no host, Dispatch starts an
 * embedded server and keeps what it receives in the outbox.
 *
 * @param properties extra Jakarta Mail session properties, e.g.
 * {@code mail.smtp.starttls.enable=true}
 */
@ConfigurationProperties("spring.mail")
public record SmtpSettings(@Nullable String host, @DefaultValue("25") int port, @Nullable String username,
		@Nullable String password, @DefaultValue Map<String, String> properties) {

	boolean embedded() {
		return this.host == null || this.host.isBlank();
	}

}
