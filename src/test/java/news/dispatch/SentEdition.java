package news.dispatch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's digest of the standard newsroom ({@link Newsroom#standard}), sent: what the
 * tests of returned mail (bounces, complaints, relays' webhooks) start from.
 *
 * @param run the digest run's id, as the command printed it
 * @param messages what the SMTP server received, in order
 */
public record SentEdition(String run, List<MimeMessage> messages) {

	/**
	 * The edition's date: today, so the standard newsroom's stories are new in it.
	 */
	public static final LocalDate DATE = LocalDate.now(ZoneOffset.UTC);

	/**
	 * The application's settings the edition needs: today is the weekly readers' day, so
	 * every reader of the newsroom gets it. For the test's
	 * {@code @DynamicPropertySource}.
	 */
	public static void properties(DynamicPropertyRegistry registry) {
		registry.add("dispatch.digest.weekly-day", () -> DATE.getDayOfWeek().name());
	}

	/**
	 * Imports the standard newsroom (copied under {@code input}), sends today's digest
	 * and keeps what {@code received} then holds.
	 */
	public static SentEdition send(Cli cli, Path input, Supplier<MimeMessage[]> received) {
		cli.importNewsroom(input);
		Cli.Result digest = cli.run("digest", "--date", DATE.toString());
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		Matcher run = Pattern.compile("\\(run (\\d+)\\)").matcher(digest.out());
		assertThat(run.find()).as(digest.out()).isTrue();
		return new SentEdition(run.group(1), List.of(received.get()));
	}

	/**
	 * The messages by their recipient, leaving out mail to a bounce mailbox.
	 */
	public Map<String, MimeMessage> byRecipient() {
		return this.messages.stream()
			.filter((message) -> !recipient(message).startsWith("bounces@"))
			.collect(Collectors.toMap(SentEdition::recipient, Function.identity(), (first, again) -> first));
	}

	/**
	 * The one address a message went to.
	 */
	public static String recipient(MimeMessage message) {
		try {
			return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
