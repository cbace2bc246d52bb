package news.dispatch.delivery;

import java.time.Duration;

/**
 * How fast the relay answers one connection, as {@link RelayCheck} measured it.
 *
 * @param relay host and port, for people
 * @param connect connecting, the greeting, EHLO and any STARTTLS and login
 * @param roundTrip one exchange (NOOP), the median of the samples
 * @param envelope MAIL and RCPT together, the median of the samples
 * @param message one message from MAIL to the server's acceptance: timed on test messages
 * ({@code sent}), else reckoned as the envelope and two round trips (DATA and the end of
 * the message)
 * @param sent whether test messages were sent and timed
 * @param samples how many of each exchange were timed
 */
public record RelaySpeed(String relay, Duration connect, Duration roundTrip, Duration envelope, Duration message,
		boolean sent, int samples) {

	/**
	 * Messages one connection sends per second, one after the other.
	 */
	public double messagesPerSecond() {
		return 1e9 / Math.max(1_000, this.message.toNanos());
	}

}
