package news.dispatch.delivery;

/**
 * One message of the ledger, as the send step reads it.
 *
 * @param kind {@code digest} or {@code alert}
 * @param key the edition date of a digest, the article id of an alert
 * @param messageId deterministic, built from kind, key and subscriber
 */
public record Delivery(long id, String kind, String key, long subscriberId, String messageId, int attempts) {
}
