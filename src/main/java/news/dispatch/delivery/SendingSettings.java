package news.dispatch.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast and how stubbornly messages are sent.
 *
 * @param connections parallel SMTP connections, each kept open from message to message
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
 */
@ConfigurationProperties("dispatch.sending")
public record SendingSettings(@DefaultValue("2") int connections, @DefaultValue("0") double rate,
		@DefaultValue("0") double domainRate, @DefaultValue("3") int retries, @DefaultValue("1s") Duration backoff,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("2") int bouncesToSuppress,
		@DefaultValue("1") int partitions, @DefaultValue("false") boolean remote,
		@DefaultValue("1h") Duration remoteTimeout, @DefaultValue("10") int inFlight) {

	public SendingSettings {
		if (connections < 1) {
			throw new IllegalArgumentException(
					"dispatch.sending.connections is " + connections + "; set it to 1 or more.");
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

	/**
	 * These settings over another number of connections.
	 */
	SendingSettings withConnections(int connections) {
		return new SendingSettings(connections, this.rate, this.domainRate, this.retries, this.backoff, this.maxBackoff,
				this.bouncesToSuppress, this.partitions, this.remote, this.remoteTimeout, this.inFlight);
	}

}
