package news.dispatch.delivery;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * How many SMTP connections each sender of a send step opens: a fixed
 * {@code dispatch.sending.connections}, or, with {@code auto}, as many as the relay,
 * measured at the step's start ({@link RelayCheck}), needs for what the step has to send
 * ({@link ConnectionPlan}). The choice and its reason are logged and kept in the step's
 * execution context ({@link #WHY}), where the run's report finds them.
 */
@Component
public class SendingConnections {

	/**
	 * The key of the reason for the number of connections in a send step's execution
	 * context, with {@code auto}.
	 */
	public static final String WHY = "connections.why";

	private static final Logger logger = LoggerFactory.getLogger(SendingConnections.class);

	private final SendingSettings settings;

	private final RelayCheck relay;

	private final EditionTotals totals;

	SendingConnections(SendingSettings settings, RelayCheck relay, EditionTotals totals) {
		this.settings = settings;
		this.relay = relay;
		this.totals = totals;
	}

	/**
	 * The connections each sender opens to send what is unsent of these editions: the
	 * step has {@code dispatch.sending.partitions} senders when {@code partitioned}, else
	 * one. With {@code auto} and nothing unsent, one, without timing the relay.
	 * @param report the send step's execution context, where the reason is kept
	 * @throws SmtpUnavailableException when {@code auto} cannot measure the relay
	 */
	int perSender(List<LedgerKey> keys, boolean partitioned, ExecutionContext report) {
		if (!this.settings.connections().auto()) {
			return this.settings.connections().count();
		}
		Map<DeliveryStatus, Long> counts = this.totals.counts(keys);
		long unsent = counts.getOrDefault(DeliveryStatus.PENDING, 0L) + counts.getOrDefault(DeliveryStatus.RETRY, 0L);
		if (unsent == 0) {
			// nothing to send (an hour with nobody due): no need to time the relay
			return 1;
		}
		ConnectionPlan plan = ConnectionPlan.of(this.relay.measure(), unsent, this.settings.targetDuration(),
				partitioned ? this.settings.partitions() : 1, this.settings);
		String why = "dispatch.sending.connections is auto: " + plan.why();
		logger.info("{} {}", keys, why);
		report.putString(WHY, why);
		return plan.perPartition();
	}

}
