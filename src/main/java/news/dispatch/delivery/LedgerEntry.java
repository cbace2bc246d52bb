package news.dispatch.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One message of the ledger as an operator or a returned report sees it.
 *
 * @param kind {@code digest} or {@code alert}
 * @param key the edition date of a digest, the article id of an alert
 * @param sentAt when the SMTP server accepted it; null if it never did
 * @param lastReply the server's last reply, or what came back later
 */
public record LedgerEntry(long id, String kind, String key, long subscriberId, String messageId, DeliveryStatus status,
		Instant plannedAt, @Nullable Instant sentAt, @Nullable String lastReply) {
}
