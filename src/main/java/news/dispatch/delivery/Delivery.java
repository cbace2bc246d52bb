package news.dispatch.delivery;

/**
 * One message of the ledger, as the send step reads it.
 *
 * @param key the edition or alert the message belongs to
 * @param messageId deterministic, built from the key and the subscriber
 */
public record Delivery(long id, LedgerKey key, long subscriberId, String messageId, int attempts) {
}
