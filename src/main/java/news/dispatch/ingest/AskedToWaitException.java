package news.dispatch.ingest;

import java.time.Instant;

/**
 * A server answered 429 or 503 with a {@code Retry-After}: it is not asked again before
 * the time it gave.
 */
class AskedToWaitException extends UnusableInputException {

	private final Instant until;

	AskedToWaitException(String source, String item, String reason, Instant until) {
		super(source, item, reason);
		this.until = until;
	}

	Instant until() {
		return this.until;
	}

}
