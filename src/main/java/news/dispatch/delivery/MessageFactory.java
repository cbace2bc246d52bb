package news.dispatch.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.stereotype.Component;

/**
 * Turns a composed message into MIME that mail clients and providers accept:
 * multipart/alternative with a text and an HTML part, UTF-8, Date, the ledger's
 * Message-ID, List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). No header takes
 * article text raw: line breaks are folded away and non-ASCII is encoded.
 */
@Component
class MessageFactory {

	private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");

	private final InternetAddress from;

	private final InternetAddress[] replyTo;

	MessageFactory(MailSettings settings) throws MessagingException {
		this.from = address(settings.from(), "dispatch.mail.from");
		this.replyTo = (settings.replyTo() == null || settings.replyTo().isBlank()) ? null
				: new InternetAddress[] { address(settings.replyTo(), "dispatch.mail.reply-to") };
	}

	MimeMessage create(Session session, Delivery delivery, ComposedMessage composed) throws MessagingException {
		return create(session, delivery.messageId(), composed);
	}

	/**
	 * The message with the given Message-ID; without List-Unsubscribe headers when the
	 * composed message has no unsubscribe link (a sign-up's confirmation).
	 */
	MimeMessage create(Session session, String messageId, ComposedMessage composed) throws MessagingException {
		MimeMessage message = new DispatchMimeMessage(session, messageId);
		message.setFrom(this.from);
		if (this.replyTo != null) {
			message.setReplyTo(this.replyTo);
		}
		message.setRecipient(Message.RecipientType.TO, recipient(composed));
		message.setSubject(oneLine(composed.subject()), StandardCharsets.UTF_8.name());
		message.setSentDate(new Date());
		if (!composed.unsubscribeUrl().isBlank()) {
			message.setHeader("List-Unsubscribe", "<" + oneLine(composed.unsubscribeUrl()) + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		MimeBodyPart text = new MimeBodyPart();
		text.setText(composed.text(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(composed.html(), StandardCharsets.UTF_8.name(), "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		message.saveChanges();
		return message;
	}

	private static InternetAddress recipient(ComposedMessage composed) throws MessagingException {
		InternetAddress address = new InternetAddress(composed.to(), true);
		if (!composed.toName().isBlank()) {
			try {
				address.setPersonal(oneLine(composed.toName()), StandardCharsets.UTF_8.name());
			}
			catch (UnsupportedEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address;
	}

	/**
	 * Header values come from article text and names: CR, LF and other control characters
	 * become spaces so they cannot start a header of their own.
	 */
	static String oneLine(String value) {
		return LINE_BREAKS.matcher(value).replaceAll(" ").strip();
	}

	private static InternetAddress address(String value, String key) {
		try {
			return new InternetAddress(value, true);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(key + " \"" + value + "\" is not an email address like"
					+ " \"Dispatch <digest@example.com>\"; fix the setting.", ex);
		}
	}

}
