package news.dispatch.subscriber;

/**
 * A reader's data is being erased at their request (GDPR article 17), in this
 * transaction: each feature removes what it keeps about them (or keeps its counts without
 * them). Published before the subscriber's row is anonymised, so {@code email} is the
 * address still to be found in what a feature kept.
 */
public record SubscriberErased(long subscriberId, String email) {
}
