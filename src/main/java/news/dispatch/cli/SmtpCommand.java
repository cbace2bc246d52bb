package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.delivery.ConnectionPlan;
import news.dispatch.delivery.MailServer;
import news.dispatch.delivery.RelayCheck;
import news.dispatch.delivery.RelaySpeed;
import news.dispatch.delivery.SendingSettings;
import news.dispatch.digest.DigestSettings;
import news.dispatch.subscriber.Recipients;
import news.dispatch.system.DispatchSettings;
import news.dispatch.system.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code dispatch smtp check}: how fast the relay is, and how many connections an edition
 * needs.
 */
@Command(name = "smtp", mixinStandardHelpOptions = true, description = "The SMTP relay.",
		subcommands = { SmtpCommand.CheckCommand.class })
class SmtpCommand {

	@Command(name = "check", mixinStandardHelpOptions = true,
			description = "Measure the relay over one connection (round trip, time of a message, messages/s per"
					+ " connection) and say how many connections an edition needs to be sent within"
					+ " dispatch.sending.target-duration, within the relay's limits as configured. Nothing is"
					+ " delivered to readers: without --to (or dispatch.sending.check.to) no message is sent at all.")
	static class CheckCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Option(names = "--readers", paramLabel = "N",
				description = "The edition's size (default: the readers due today's digest).")
		private Long readers;

		@Option(names = "--within", paramLabel = "DURATION",
				description = "How long sending may take, such as 30m or 2h (default: dispatch.sending.target-duration).")
		private String within;

		@Option(names = "--to", paramLabel = "ADDRESS",
				description = "Send test messages (dispatch.sending.check.samples, about a digest's size) to this"
						+ " mailbox of your own and time them (default: dispatch.sending.check.to; none: time the"
						+ " envelope only, MAIL and RCPT then RSET, and send nothing).")
		private String to;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final RelayCheck relay;

		private final MailServer server;

		private final SendingSettings sending;

		private final Recipients recipients;

		private final DigestSettings digest;

		private final DispatchSettings dispatch;

		private final Clock clock;

		CheckCommand(RelayCheck relay, MailServer server, SendingSettings sending, Recipients recipients,
				DigestSettings digest, DispatchSettings dispatch, Clock clock) {
			this.relay = relay;
			this.server = server;
			this.sending = sending;
			this.recipients = recipients;
			this.digest = digest;
			this.dispatch = dispatch;
			this.clock = clock;
		}

		@Override
		public Integer call() {
			if (this.server.isEmbedded()) {
				throw new InvalidInputException("No SMTP relay is configured (spring.mail.host is empty, so mail goes"
						+ " to the embedded server); set spring.mail.host, spring.mail.port and the login to check"
						+ " a relay.");
			}
			if (this.readers != null && this.readers < 0) {
				throw new InvalidInputException("--readers is " + this.readers + "; give 0 or more.");
			}
			Duration target = target();
			LocalDate today = LocalDate.now(this.clock.withZone(this.dispatch.zone()));
			long readers = (this.readers != null) ? this.readers
					: this.recipients.countDueOn(today, this.digest.weeklyDay());
			RelaySpeed speed = this.relay.measure((this.to != null) ? this.to : this.sending.check().to());
			ConnectionPlan plan = ConnectionPlan.of(speed, readers, target, this.sending.partitions(), this.sending);
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, json(speed, plan, this.readers == null));
			}
			else {
				print(out, speed, plan, this.readers == null);
			}
			return CommandLineInterface.DONE;
		}

		private Duration target() {
			if (this.within == null) {
				return this.sending.targetDuration();
			}
			try {
				Duration target = DurationStyle.detectAndParse(this.within.strip());
				if (!target.isNegative() && !target.isZero()) {
					return target;
				}
			}
			catch (IllegalArgumentException ex) {
				// said below
			}
			throw new InvalidInputException(
					"--within is \"" + this.within + "\", not a duration; give one such as 30m, 90s or 2h.");
		}

		private void print(PrintWriter out, RelaySpeed speed, ConnectionPlan plan, boolean dueToday) {
			out.printf("Relay %s, measured over one connection (%d of each exchange):%n", speed.relay(),
					speed.samples());
			out.printf("  round trip           %s (NOOP; connecting and the greeting took %s)%n",
					ConnectionPlan.millis(speed.roundTrip()), ConnectionPlan.millis(speed.connect()));
			if (speed.sent()) {
				out.printf("  a message            %s (test messages sent and timed; MAIL and RCPT took %s)%n",
						ConnectionPlan.millis(speed.message()), ConnectionPlan.millis(speed.envelope()));
			}
			else {
				out.printf(
						"  a message            %s, reckoned: MAIL and RCPT took %s, DATA and the message's end"
								+ " two round trips (nothing was sent; --to ADDRESS times real messages)%n",
						ConnectionPlan.millis(speed.message()), ConnectionPlan.millis(speed.envelope()));
			}
			out.printf("  per connection       %s messages/s%n", ConnectionPlan.number(speed.messagesPerSecond()));
			out.printf("An edition of %,d readers%s within %s:%n", plan.messages(), dueToday ? " (due today)" : "",
					ConnectionPlan.duration(plan.target()));
			out.printf("  needs                %d connection(s)%n", plan.needed());
			out.printf("  within the limits    %d connection(s)%s, about %s%s%n", plan.connections(),
					(plan.partitions() > 1)
							? " (" + plan.perPartition() + " in each of " + plan.partitions() + " partitions)" : "",
					ConnectionPlan.duration(plan.expected()),
					(plan.limitedBy() != null) ? "; limited by " + plan.limitedBy() : "");
			out.println("The relay's limits as configured:");
			out.printf("  dispatch.sending.max-connections   %d%n", this.sending.maxConnections());
			out.printf("  dispatch.sending.rate              %s%n", rate(this.sending.rate()));
			out.printf("  dispatch.sending.domain-rate       %s%n", rate(this.sending.domainRate()));
			if (this.sending.connections().auto()) {
				out.printf("dispatch.sending.connections is auto: a digest measures the relay as it starts sending"
						+ " and opens as many as it needs then.%n");
			}
			else {
				int configured = this.sending.connections().count() * plan.partitions();
				out.printf("dispatch.sending.connections is %s%s: about %s for this edition; auto would open %d.%n",
						this.sending.connections(),
						(plan.partitions() > 1) ? " (" + configured + " over " + plan.partitions() + " partitions)"
								: "",
						ConnectionPlan
							.duration(ConnectionPlan.time(speed, plan.messages(), configured, this.sending.rate())),
						plan.connections());
			}
		}

		private Map<String, Object> json(RelaySpeed speed, ConnectionPlan plan, boolean dueToday) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("relay", speed.relay());
			json.put("samples", speed.samples());
			json.put("connectMs", millis(speed.connect()));
			json.put("roundTripMs", millis(speed.roundTrip()));
			json.put("envelopeMs", millis(speed.envelope()));
			json.put("messageMs", millis(speed.message()));
			json.put("messageTimed", speed.sent());
			json.put("messagesPerSecondPerConnection", Math.round(speed.messagesPerSecond() * 100) / 100.0);
			json.put("readers", plan.messages());
			json.put("readersDueToday", dueToday);
			json.put("targetSeconds", plan.target().toSeconds());
			json.put("needed", plan.needed());
			json.put("connections", plan.connections());
			json.put("perPartition", plan.perPartition());
			json.put("limitedBy", plan.limitedBy());
			json.put("expectedSeconds", plan.expected().toMillis() / 1000.0);
			Map<String, Object> limits = new LinkedHashMap<>();
			limits.put("maxConnections", this.sending.maxConnections());
			limits.put("rate", this.sending.rate());
			limits.put("domainRate", this.sending.domainRate());
			limits.put("partitions", this.sending.partitions());
			json.put("limits", limits);
			json.put("configuredConnections", this.sending.connections().toString());
			return json;
		}

		private static double millis(Duration duration) {
			return Math.round(duration.toNanos() / 1e4) / 100.0;
		}

		private static String rate(double rate) {
			return (rate > 0) ? ConnectionPlan.number(rate) + " messages/s" : "none (0)";
		}

	}

}
