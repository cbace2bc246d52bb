package news.dispatch.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One message of the ledger as an operator or a returned report sees it.
 *
 * @param key the edition or alert the message belongs to
 * @param sentAt when the SMTP server accepted it; null if it never did
 * @param lastReply the server's last reply, or what came back later
 */
public record LedgerEntry(long id, LedgerKey key, long subscriberId, String messageId, DeliveryStatus status,
		Instant plannedAt, @Nullable Instant sentAt, @Nullable String lastReply) {
}
