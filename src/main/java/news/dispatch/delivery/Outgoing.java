package news.dispatch.delivery;

import jakarta.mail.internet.MimeMessage;

/**
 * A delivery with its message, ready to send.
 */
public record Outgoing(Delivery delivery, MimeMessage message) {
}
