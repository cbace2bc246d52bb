package news.dispatch.delivery;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How many SMTP connections an edition needs to be sent within
 * {@code dispatch.sending.target-duration} at the relay's measured speed, and how many it
 * gets within the relay's limits as configured: {@code dispatch.sending.max-connections},
 * and {@code dispatch.sending.rate} (connections beyond those the rate keeps busy would
 * only wait). Connections are assumed to add up: the relay answers each as fast as it
 * answered the one measured.
 *
 * @param speed the relay as measured
 * @param messages the edition's messages still to send
 * @param target how long sending may take
 * @param needed the connections that meet the target, whatever the limits
 * @param connections the connections chosen: {@code needed} within the limits, at least
 * one for each partition
 * @param partitions the senders the connections are shared among
 * @param limitedBy the setting that kept {@code connections} below {@code needed}, or
 * null
 * @param expected how long sending should take over {@code connections}
 */
public record ConnectionPlan(RelaySpeed speed, long messages, Duration target, int needed, int connections,
		int partitions, @Nullable String limitedBy, Duration expected) {

	/**
	 * The plan for sending {@code messages} over the relay measured, by
	 * {@code partitions} senders that open the same number of connections each, under
	 * these settings.
	 */
	public static ConnectionPlan of(RelaySpeed speed, long messages, Duration target, int partitions,
			SendingSettings settings) {
		double perConnection = speed.messagesPerSecond();
		double seconds = target.toNanos() / 1e9;
		int needed = (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.ceil(messages / (perConnection * seconds))));
		int connections = needed;
		String limitedBy = null;
		if (connections > settings.maxConnections()) {
			connections = settings.maxConnections();
			limitedBy = "dispatch.sending.max-connections (" + settings.maxConnections() + ")";
		}
		if (settings.rate() > 0) {
			int busy = (int) Math.max(1, Math.ceil(settings.rate() / perConnection));
			if (connections > busy) {
				connections = busy;
				limitedBy = "dispatch.sending.rate (" + number(settings.rate()) + "/s, which " + busy
						+ " connection(s) reach)";
			}
		}
		int each = Math.max(1, ceilDiv(connections, partitions));
		if (each * partitions > settings.maxConnections()) {
			each = Math.max(1, settings.maxConnections() / partitions);
		}
		connections = each * partitions;
		return new ConnectionPlan(speed, messages, target, needed, connections, partitions, limitedBy,
				time(speed, messages, connections, settings.rate()));
	}

	/**
	 * How long sending {@code messages} should take over {@code connections} in all,
	 * under {@code rate} messages per second (0: no limit).
	 */
	public static Duration time(RelaySpeed speed, long messages, int connections, double rate) {
		double perSecond = speed.messagesPerSecond() * connections;
		if (rate > 0) {
			perSecond = Math.min(perSecond, rate);
		}
		return Duration.ofMillis((long) Math.ceil(messages / perSecond * 1000));
	}

	/**
	 * The connections each partition opens.
	 */
	public int perPartition() {
		return this.connections / this.partitions;
	}

	/**
	 * Why this number, in one sentence for the log and the run's report.
	 */
	public String why() {
		StringBuilder why = new StringBuilder().append(this.connections)
			.append(" connection(s)")
			.append((this.partitions > 1) ? " (" + perPartition() + " in each of " + this.partitions + " partitions)"
					: "")
			.append(": a message takes ")
			.append(millis(this.speed.message()))
			.append(this.speed.sent() ? "" : " (reckoned)")
			.append(" over ")
			.append(this.speed.relay())
			.append(" (round trip ")
			.append(millis(this.speed.roundTrip()))
			.append(", ")
			.append(number(this.speed.messagesPerSecond()))
			.append(" messages/s per connection), so ")
			.append(String.format(Locale.ROOT, "%,d", this.messages))
			.append(" message(s) within ")
			.append(duration(this.target))
			.append(" (dispatch.sending.target-duration) need ")
			.append(this.needed);
		if (this.limitedBy != null) {
			why.append("; limited by ").append(this.limitedBy);
		}
		return why.append("; expected to take about ").append(duration(this.expected)).append('.').toString();
	}

	public static String millis(Duration duration) {
		double millis = duration.toNanos() / 1e6;
		return (millis < 10) ? String.format(Locale.ROOT, "%.1f ms", millis)
				: String.format(Locale.ROOT, "%.0f ms", millis);
	}

	public static String duration(Duration duration) {
		long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m" + ((seconds % 60 > 0) ? " " + (seconds % 60) + "s" : "");
		}
		return (seconds / 3600) + "h" + ((seconds % 3600 / 60 > 0) ? " " + (seconds % 3600 / 60) + "m" : "");
	}

	public static String number(double value) {
		return (value >= 100 || value == Math.rint(value)) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

}
