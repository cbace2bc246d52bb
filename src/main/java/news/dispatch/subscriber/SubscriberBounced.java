package news.dispatch.subscriber;

/**
 * A message to a subscriber was refused for good (a hard bounce, at sending or later).
 *
 * @param suppressed whether this bounce suppressed them
 */
public record SubscriberBounced(long subscriberId, boolean suppressed) {
}
