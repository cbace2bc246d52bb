package news.dispatch.delivery;

/**
 * What a feature composes for one delivery; the delivery module turns it into MIME.
 *
 * @param to the recipient's address
 * @param toName the recipient's name, may be empty
 * @param subject one line; line breaks in it are neutralised
 * @param unsubscribeUrl the https one-click unsubscribe link (RFC 8058)
 */
public record ComposedMessage(String to, String toName, String subject, String text, String html,
		String unsubscribeUrl) {
}
