package news.dispatch.subscriber;

/**
 * A subscriber has confirmed their sign-up: they are active from now on.
 */
public record SubscriberConfirmed(long subscriberId) {
}
