package news.dispatch.delivery;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a composed message into MIME that mail clients and providers accept:
 * multipart/alternative with a text and an HTML part, UTF-8, Date, the ledger's
 * Message-ID, List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). No header takes
 * article text raw: line breaks are folded away and non-ASCII is encoded.
 */
@Component
class MessageFactory {

	private static final String CONTENT_TRANSFER_ENCODING = "Content-Transfer-Encoding";

	private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");

	private final InternetAddress from;

	private final InternetAddress[] replyTo;

	private final @Nullable MessageReferences references;

	MessageFactory(MailSettings settings) throws MessagingException {
		this(settings, null);
	}

	@Autowired
	MessageFactory(MailSettings settings, @Nullable MessageReferences references) throws MessagingException {
		this.references = references;
		this.from = address(settings.from(), "dispatch.mail.from");
		this.replyTo = (settings.replyTo() == null || settings.replyTo().isBlank()) ? null
				: new InternetAddress[] { address(settings.replyTo(), "dispatch.mail.reply-to") };
	}

	/**
	 * A message of the ledger: with its own return path as envelope sender and a
	 * {@code Feedback-ID}, so that what comes back later can be tied to it.
	 */
	MimeMessage create(Session session, Delivery delivery, ComposedMessage composed) throws MessagingException {
		return create(session, delivery.messageId(), composed, delivery);
	}

	/**
	 * The message with the given Message-ID; without List-Unsubscribe headers when the
	 * composed message has no unsubscribe link (a sign-up's confirmation).
	 */
	MimeMessage create(Session session, String messageId, ComposedMessage composed) throws MessagingException {
		return create(session, messageId, composed, null);
	}

	private MimeMessage create(Session session, String messageId, ComposedMessage composed, @Nullable Delivery delivery)
			throws MessagingException {
		DispatchMimeMessage message = new DispatchMimeMessage(session, messageId);
		if (delivery != null && this.references != null) {
			this.references.returnPath(delivery.id()).ifPresent(message::setEnvelopeFrom);
			message.setHeader("Feedback-ID", oneLine(this.references.feedbackId(delivery)));
		}
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
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(textPart(composed.text(), "plain"));
		alternative.addBodyPart(textPart(composed.html(), "html"));
		message.setContent(alternative);
		message.saveChanges();
		return message;
	}

	/**
	 * A text part encoded once, as UTF-8 bytes sent as they are: 7bit when they are
	 * ASCII, else 8bit, which nearly every server takes (8BITMIME; see
	 * {@link #toSevenBit} for the others). Left to Jakarta Mail, the text went through a
	 * charset encoder three times per part (to choose the encoding, to check it for
	 * 8BITMIME, to write it). Lines longer than SMTP allows go quoted-printable.
	 */
	private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		String encoding = encoding(bytes);
		if (encoding == null) {
			MimeBodyPart part = new MimeBodyPart();
			part.setText(content, StandardCharsets.UTF_8.name(), subtype);
			part.setHeader(CONTENT_TRANSFER_ENCODING, "quoted-printable");
			return part;
		}
		InternetHeaders headers = new InternetHeaders();
		headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
		headers.setHeader(CONTENT_TRANSFER_ENCODING, encoding);
		return new MimeBodyPart(headers, bytes);
	}

	/**
	 * 7bit, 8bit, or null when a line is longer than SMTP's 998 octets or holds a NUL.
	 */
	private static @Nullable String encoding(byte[] bytes) {
		boolean ascii = true;
		int line = 0;
		for (byte b : bytes) {
			if (b == '\n' || b == '\r') {
				line = 0;
				continue;
			}
			if (b == 0 || ++line > 998) {
				return null;
			}
			ascii &= (b > 0);
		}
		return ascii ? "7bit" : "8bit";
	}

	/**
	 * Re-encodes the 8bit parts of a message as quoted-printable, for a server that does
	 * not announce 8BITMIME.
	 */
	static void toSevenBit(MimeMessage message) throws MessagingException, IOException {
		if (!(message.getContent() instanceof MimeMultipart parts)) {
			return;
		}
		boolean changed = false;
		for (int i = 0; i < parts.getCount(); i++) {
			if (parts.getBodyPart(i) instanceof MimeBodyPart part && "8bit".equalsIgnoreCase(part.getEncoding())) {
				String subtype = new ContentType(part.getContentType()).getSubType();
				String text = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				part.setText(text, StandardCharsets.UTF_8.name(), subtype);
				part.setHeader(CONTENT_TRANSFER_ENCODING, "quoted-printable");
				changed = true;
			}
		}
		if (changed) {
			message.saveChanges();
		}
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
