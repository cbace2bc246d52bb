package news.dispatch.subscriber;

/**
 * A subscriber has changed their choices (topics, keywords, frequency, hour, alerts) or
 * subscribed again from their page.
 */
public record SubscriberChanged(long subscriberId) {
}
