package news.dispatch.delivery;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import news.dispatch.subscriber.SubscriberLinks;

import org.springframework.stereotype.Component;

/**
 * What ties mail that comes back to one of our messages: the per-message return path
 * ({@code bounces+TOKEN@domain}, VERP) and the deterministic Message-ID. The one place
 * that makes and reads both.
 * <p>
 * A token is the ledger row's id and the first 64 bits of the server's signature of it,
 * in lower-case hex: mail systems may change the case of a local part, and a local part
 * holds at most 64 characters.
 */
@Component
public class MessageReferences {

	private static final String PURPOSE = "return-path.";

	private final ReturnPathSettings settings;

	private final String domain;

	private final String messageIdDomain;

	private final SubscriberLinks links;

	private final Pattern returnPath;

	MessageReferences(ReturnPathSettings settings, MailSettings mail, SubscriberLinks links) {
		this.settings = settings;
		this.domain = settings.domain().isEmpty() ? domainOf(mail.from()) : settings.domain();
		this.messageIdDomain = mail.messageIdDomain().toLowerCase(Locale.ROOT);
		this.links = links;
		this.returnPath = Pattern.compile(
				"^<?\\s*" + Pattern.quote(settings.localPart()) + "\\+([0-9]{1,18})-([0-9a-f]+)@([^>\\s]+)>?$",
				Pattern.CASE_INSENSITIVE);
	}

	/**
	 * What a return path turned out to be.
	 */
	public enum Check {

		/** Not a return path of ours at all (another address). */
		OTHER,
		/** Ours, with a token this server signed. */
		VALID,
		/**
		 * Shaped like ours, but the token is not one this server signed: forged or
		 * damaged.
		 */
		FORGED

	}

	/**
	 * A return path read: what it is, and the ledger row it names when
	 * {@link Check#VALID}.
	 */
	public record ReturnPath(Check check, long deliveryId) {
	}

	/**
	 * The envelope sender of a message of the ledger, or empty when return paths are off.
	 */
	public Optional<String> returnPath(long deliveryId) {
		if (!this.settings.enabled()) {
			return Optional.empty();
		}
		return Optional.of(this.settings.localPart() + "+" + deliveryId + "-" + token(deliveryId) + "@" + this.domain);
	}

	/**
	 * The {@code Feedback-ID} header of a message: edition, kind, sender.
	 */
	public String feedbackId(Delivery delivery) {
		return delivery.key().key().replace(':', '-') + ":" + delivery.key().kind().column() + ":"
				+ this.settings.feedbackSenderId();
	}

	/**
	 * Reads an address (with or without angle brackets) as one of our return paths.
	 */
	public ReturnPath readReturnPath(String address) {
		Matcher matcher = this.returnPath.matcher(address.strip());
		if (!matcher.matches()) {
			return new ReturnPath(Check.OTHER, 0);
		}
		long id = Long.parseLong(matcher.group(1));
		boolean signed = token(id).equals(matcher.group(2).toLowerCase(Locale.ROOT));
		return new ReturnPath(signed ? Check.VALID : Check.FORGED, signed ? id : 0);
	}

	/**
	 * A Message-ID as the ledger stores it ({@code <…>}), if it is one of ours (made
	 * under our Message-ID domain); empty for anyone else's.
	 */
	public Optional<String> ourMessageId(String messageId) {
		String id = messageId.strip();
		if (!id.startsWith("<")) {
			id = "<" + id + ">";
		}
		int at = id.lastIndexOf('@');
		if (at < 0 || !id.endsWith(">")
				|| !id.substring(at + 1, id.length() - 1).toLowerCase(Locale.ROOT).equals(this.messageIdDomain)) {
			return Optional.empty();
		}
		return Optional.of(id);
	}

	private String token(long deliveryId) {
		byte[] signature = this.links.signature(PURPOSE + deliveryId);
		return HexFormat.of().formatHex(signature, 0, 8);
	}

	private static String domainOf(String from) {
		try {
			String address = new InternetAddress(from, true).getAddress();
			return address.substring(address.lastIndexOf('@') + 1);
		}
		catch (AddressException ex) {
			throw new IllegalStateException("dispatch.mail.from \"" + from + "\" is not an email address like"
					+ " \"Dispatch <digest@example.com>\"; fix the setting.", ex);
		}
	}

}
