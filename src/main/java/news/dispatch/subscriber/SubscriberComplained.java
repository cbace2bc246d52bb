package news.dispatch.subscriber;

/**
 * A subscriber reported our mail as spam: they are suppressed and unsubscribed from
 * everything.
 *
 * @param reason what the report said
 */
public record SubscriberComplained(long subscriberId, String reason) {
}
