package news.dispatch.subscriber;

/**
 * Where a subscriber stands. Only {@link #ACTIVE} subscribers are sent anything.
 */
public enum SubscriberStatus {

	/** Signed up, not yet confirmed (double opt-in). */
	PENDING,
	/** Confirmed: receives what they asked for. */
	ACTIVE,
	/** Left: receives nothing until they sign up again. */
	UNSUBSCRIBED,
	/**
	 * Stopped by bounces or complaints: receives nothing, and an import does not revive
	 * them.
	 */
	SUPPRESSED,
	/**
	 * Erased at the reader's request (GDPR article 17): the row stays, with no personal
	 * data, so that edition totals stay right; nothing is sent.
	 */
	ERASED

}
