package news.dispatch.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast and how stubbornly messages are sent.
 *
 * @param connections parallel SMTP connections, each kept open from message to message;
 * {@code auto}: as many as the relay, measured at the start of each send step, needs to
 * send the edition within {@code targetDuration}, at most {@code maxConnections}
 * @param rate the most messages per second over all connections; 0 for no limit
 * @param domainRate the most messages per second to one recipient domain; 0 for no limit
 * @param retries how many more times a message refused for now (421, 450, 451, 452, 454,
 * a timeout, a dropped connection) is tried within the run before it is left RETRY
 * @param backoff the pause before the first retry; it doubles with each retry
 * @param maxBackoff the longest pause between two tries
 * @param bouncesToSuppress hard bounces (550, 551, 553, an invalid address) after which a
 * subscriber is suppressed: no job sends to them again
 * @param partitions how many ranges of subscribers a send step is split into, each sent
 * by its own thread over its own {@code connections} connections (1: not split)
 * @param remote whether the partitions are handed to {@code dispatch worker} processes
 * over the database instead of this process's threads
 * @param remoteTimeout how long a send step waits for the workers to finish its
 * partitions before it fails (to be restarted)
 * @param inFlight how many messages one connection hands to the server before it writes
 * their outcomes to the ledger, together in one transaction: the most per connection that
 * can be in doubt (sent again, and counted so) after the process dies. 1 writes each
 * outcome the moment the server answers, at about three quarters of the speed.
 * @param targetDuration how long an edition's sending may take: what {@code auto} and
 * {@code dispatch smtp check} size the connections for
 * @param maxConnections the most connections {@code auto} opens in all (over every
 * partition): the relay's limit on connections from one client
 * @param check how the relay is measured ({@code dispatch smtp check}, {@code auto})
 */
@ConfigurationProperties("dispatch.sending")
public record SendingSettings(@DefaultValue("2") Connections connections, @DefaultValue("0") double rate,
		@DefaultValue("0") double domainRate, @DefaultValue("3") int retries, @DefaultValue("1s") Duration backoff,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("2") int bouncesToSuppress,
		@DefaultValue("1") int partitions, @DefaultValue("false") boolean remote,
		@DefaultValue("1h") Duration remoteTimeout, @DefaultValue("10") int inFlight,
		@DefaultValue("30m") Duration targetDuration, @DefaultValue("20") int maxConnections,
		@DefaultValue RelayCheckSettings check) {

	/**
	 * How the relay is measured.
	 *
	 * @param to where test messages go to measure a message's time: a mailbox of the
	 * newsroom's own that takes them (they are delivered); none: no message is sent, and
	 * a message's time is reckoned from the envelope (MAIL and RCPT, then RSET) and the
	 * round trip
	 * @param samples how many of each exchange (NOOP, envelope, test message) are timed
	 */
	public record RelayCheckSettings(@Nullable String to, @DefaultValue("5") int samples) {

		public RelayCheckSettings {
			if (samples < 1 || samples > 100) {
				throw new IllegalArgumentException(
						"dispatch.sending.check.samples is " + samples + "; set it between 1 and 100.");
			}
			if (to != null && to.isBlank()) {
				to = null;
			}
		}

	}

	public SendingSettings {
		if (targetDuration.isNegative() || targetDuration.isZero()) {
			throw new IllegalArgumentException("dispatch.sending.target-duration is " + targetDuration
					+ "; set it to how long an edition may take, such as 30m.");
		}
		if (maxConnections < 1) {
			throw new IllegalArgumentException(
					"dispatch.sending.max-connections is " + maxConnections + "; set it to 1 or more.");
		}
		if (partitions < 1) {
			throw new IllegalArgumentException(
					"dispatch.sending.partitions is " + partitions + "; set it to 1 or more.");
		}
		if (inFlight < 1) {
			throw new IllegalArgumentException("dispatch.sending.in-flight is " + inFlight + "; set it to 1 or more.");
		}
		if (retries < 0) {
			throw new IllegalArgumentException("dispatch.sending.retries is " + retries + "; set it to 0 or more.");
		}
	}

}
