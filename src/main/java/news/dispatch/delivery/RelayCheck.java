package news.dispatch.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Measures the relay over one connection, as a send step uses it: the round trip (NOOPs)
 * and the time of one message, from which follows how many messages a connection sends
 * per second. A message's time is taken on test messages to
 * {@code dispatch.sending.check.to} when it is set (they are delivered there); without it
 * nothing is delivered to anyone: the envelope (MAIL and RCPT) is timed and abandoned
 * with RSET, and DATA and the end of the message are reckoned as two round trips, which
 * leaves out what the relay does with a message it takes (writing it to its queue).
 */
@Component
public class RelayCheck {

	/**
	 * A test message is about the size of a digest, so its time includes sending one.
	 */
	private static final int TEST_MESSAGE_SIZE = 12_000;

	private final MailServer server;

	private final MailSettings mail;

	private final SendingSettings settings;

	RelayCheck(MailServer server, MailSettings mail, SendingSettings settings) {
		this.server = server;
		this.mail = mail;
		this.settings = settings;
	}

	/**
	 * Measures the relay as the settings say.
	 * @throws SmtpUnavailableException when the relay cannot be used or refuses the
	 * envelope or a test message
	 */
	public RelaySpeed measure() {
		return measure(this.settings.check().to());
	}

	/**
	 * Measures the relay, sending test messages to {@code to} if it is given.
	 * @throws InvalidInputException when {@code to} is not an email address
	 * @throws SmtpUnavailableException when the relay cannot be used or refuses the
	 * envelope or a test message
	 */
	public RelaySpeed measure(@Nullable String to) {
		InternetAddress from = address(this.mail.from(), "dispatch.mail.from");
		InternetAddress recipient = (to != null)
				? address(to, "The test messages' recipient (--to or dispatch.sending.check.to)") : from;
		int samples = this.settings.check().samples();
		try (SmtpConnection connection = new SmtpConnection(this.server)) {
			long start = System.nanoTime();
			connection.open();
			Duration connect = Duration.ofNanos(System.nanoTime() - start);
			List<Duration> roundTrips = new ArrayList<>();
			List<Duration> envelopes = new ArrayList<>();
			for (int i = 0; i < samples; i++) {
				roundTrips.add(timed(() -> expect(connection, "NOOP")));
			}
			for (int i = 0; i < samples; i++) {
				envelopes.add(timed(() -> {
					expect(connection, "MAIL FROM:<" + from.getAddress() + ">");
					expect(connection, "RCPT TO:<" + recipient.getAddress() + ">");
				}));
				expect(connection, "RSET");
			}
			Duration roundTrip = median(roundTrips);
			Duration envelope = median(envelopes);
			if (to == null) {
				return new RelaySpeed(this.server.describe(), connect, roundTrip, envelope,
						envelope.plus(roundTrip.multipliedBy(2)), false, samples);
			}
			List<Duration> messages = new ArrayList<>();
			for (int i = 0; i < samples; i++) {
				MimeMessage message = testMessage(from, recipient, i + 1, samples);
				messages.add(timed(() -> sendTest(connection, message, recipient)));
			}
			return new RelaySpeed(this.server.describe(), connect, roundTrip, envelope, median(messages), true,
					samples);
		}
	}

	private void expect(SmtpConnection connection, String command) {
		SmtpConnection.Reply reply = connection.command(command);
		if (reply.positive()) {
			return;
		}
		if (reply.code() == 530 || reply.code() == 535) {
			throw new SmtpUnavailableException(
					"The SMTP server " + this.server.describe() + " answered " + command + " with \"" + reply.text()
							+ "\": it wants a login; check spring.mail.username and" + " spring.mail.password.",
					null, false);
		}
		throw new SmtpUnavailableException(
				"The SMTP server " + this.server.describe() + " answered " + command + " with \"" + reply.text()
						+ "\"; check that it relays mail from dispatch.mail.from"
						+ " (and to dispatch.sending.check.to, when set) for this host or login.",
				null, reply.code() < 500);
	}

	private void sendTest(SmtpConnection connection, MimeMessage message, InternetAddress to) {
		SmtpConnection.Outcome outcome;
		try {
			outcome = connection.send(message);
		}
		catch (SmtpConnection.Deferred ex) {
			throw new SmtpUnavailableException(
					"The SMTP server " + this.server.describe() + " refused a test message to " + to.getAddress()
							+ " for now (" + ex.getMessage() + "); try again later.",
					ex, true);
		}
		if (outcome.status() != DeliveryStatus.SENT) {
			throw new SmtpUnavailableException(
					"The SMTP server " + this.server.describe() + " refused a test message to " + to.getAddress() + " ("
							+ outcome.reply()
							+ "); check dispatch.sending.check.to (or --to), or leave it empty to send nothing.",
					null, false);
		}
	}

	private MimeMessage testMessage(InternetAddress from, InternetAddress to, int number, int of) {
		try {
			MimeMessage message = new MimeMessage(this.server.session());
			message.setFrom(from);
			message.setRecipient(Message.RecipientType.TO, to);
			message.setSubject("Dispatch relay check " + number + "/" + of, "UTF-8");
			message.setHeader("Auto-Submitted", "auto-generated");
			StringBuilder text = new StringBuilder("Dispatch sent this message to time the SMTP relay (dispatch smtp"
					+ " check, or dispatch.sending.connections: auto). It can be deleted.\n\n");
			while (text.length() < TEST_MESSAGE_SIZE) {
				text.append("Padding to about the size of a digest, so that sending it takes as long as one.\n");
			}
			message.setText(text.toString(), "UTF-8");
			message.saveChanges();
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot build a test message", ex);
		}
	}

	private static InternetAddress address(String text, String what) {
		try {
			InternetAddress address = new InternetAddress(text, true);
			address.validate();
			return address;
		}
		catch (AddressException ex) {
			throw new InvalidInputException(what + " is \"" + text + "\", not an email address (" + ex.getMessage()
					+ "); give one such as relay-check@example.com.");
		}
	}

	private static Duration timed(Runnable exchange) {
		long start = System.nanoTime();
		exchange.run();
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static Duration median(List<Duration> samples) {
		List<Duration> sorted = samples.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
