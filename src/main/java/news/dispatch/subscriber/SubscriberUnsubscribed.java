package news.dispatch.subscriber;

/**
 * A subscriber has unsubscribed: nothing planned for them may go out.
 */
public record SubscriberUnsubscribed(long subscriberId) {
}
