package news.dispatch.subscriber;

/**
 * What a link's token turned out to be.
 *
 * @param state whether it can be acted on
 * @param subscriberId the subscriber it was made for; 0 when {@link State#INVALID}
 */
public record LinkCheck(State state, long subscriberId) {

	static final LinkCheck INVALID = new LinkCheck(State.INVALID, 0);

	/**
	 * Whether a token can be acted on.
	 */
	public enum State {

		/** Signed by this server for this action and not yet expired. */
		VALID,
		/**
		 * Signed by this server for this action, but too old: the reader needs a fresh
		 * one.
		 */
		EXPIRED,
		/** Forged, altered, truncated, or made for another action. */
		INVALID

	}

	public boolean valid() {
		return this.state == State.VALID;
	}

}
