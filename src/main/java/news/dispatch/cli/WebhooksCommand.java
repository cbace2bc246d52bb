package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.outbound.Outbox;
import news.dispatch.outbound.WebhookDelivery;
import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch webhooks list | replay}: the outbox of outgoing webhooks.
 */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
		description = "Outgoing webhooks: what was sent to dispatch.outbound.endpoints, and sending again.",
		subcommands = { WebhooksCommand.ListCommand.class, WebhooksCommand.ReplayCommand.class })
class WebhooksCommand {

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "The latest events per endpoint, newest first: delivered, pending (with the next attempt"
					+ " and the last error) or failed (given up).")
	static class ListCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		@Option(names = "--status", paramLabel = "STATUS", description = "Only pending, delivered or failed.")
		private @Nullable String status;

		@Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default 50).")
		private int limit;

		private final Outbox outbox;

		ListCommand(Outbox outbox) {
			this.outbox = outbox;
		}

		@Override
		public void run() {
			String wanted = null;
			if (this.status != null) {
				wanted = this.status.strip().toUpperCase(Locale.ROOT);
				if (!List.of("PENDING", "DELIVERED", "FAILED").contains(wanted)) {
					throw new InvalidInputException(
							"The status \"" + this.status + "\" is not one; give pending, delivered or failed.");
				}
			}
			if (this.limit < 1) {
				throw new InvalidInputException(
						"--limit " + this.limit + " is not a number of events; give 1 or more.");
			}
			List<Outbox.Entry> entries = this.outbox.list(wanted, this.limit);
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, entries.stream().map(ListCommand::json).toList());
				return;
			}
			if (entries.isEmpty()) {
				out.println("No webhook events. Endpoints are configured under dispatch.outbound.endpoints.");
				return;
			}
			for (Outbox.Entry entry : entries) {
				out.printf("%s  %-36s %-24s %-12s %-9s %d attempt%s%s%n", shown(entry.occurredAt()), entry.eventId(),
						entry.type(), entry.endpoint(), entry.status().toLowerCase(Locale.ROOT), entry.attempts(),
						(entry.attempts() == 1) ? "" : "s",
						(entry.nextAttempt() != null && entry.attempts() > 0)
								? ", next " + shown(entry.nextAttempt()) + ", last error: " + entry.lastError()
								: (entry.lastError() != null) ? ", last error: " + entry.lastError() : "");
			}
		}

		private static Map<String, Object> json(Outbox.Entry entry) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", entry.eventId());
			json.put("type", entry.type());
			json.put("occurredAt", entry.occurredAt().toString());
			json.put("endpoint", entry.endpoint());
			json.put("status", entry.status());
			json.put("attempts", entry.attempts());
			json.put("nextAttempt", (entry.nextAttempt() != null) ? entry.nextAttempt().toString() : null);
			json.put("lastError", entry.lastError());
			json.put("deliveredAt", (entry.deliveredAt() != null) ? entry.deliveredAt().toString() : null);
			return json;
		}

	}

	@Command(name = "replay", mixinStandardHelpOptions = true,
			description = "Send events again (each keeps its id, so receivers can tell a repeat): the given ones, every"
					+ " one given up (--failed), or every one since a time (--since); then deliver what is due now.")
	static class ReplayCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "EVENT_ID", arity = "0..*", description = "Events to send again.")
		private List<String> ids = new ArrayList<>();

		@Option(names = "--failed", description = "Every event given up.")
		private boolean failed;

		@Option(names = "--since", paramLabel = "TIME",
				description = "Every event since this ISO-8601 time (2026-12-03T09:00:00Z).")
		private @Nullable String since;

		@Option(names = "--endpoint", paramLabel = "NAME", description = "Only to this endpoint.")
		private @Nullable String endpoint;

		private final Outbox outbox;

		private final WebhookDelivery delivery;

		ReplayCommand(Outbox outbox, WebhookDelivery delivery) {
			this.outbox = outbox;
			this.delivery = delivery;
		}

		@Override
		public Integer call() {
			int choices = (this.ids.isEmpty() ? 0 : 1) + (this.failed ? 1 : 0) + ((this.since != null) ? 1 : 0);
			if (choices != 1) {
				throw new InvalidInputException(
						"Say what to send again: event ids, --failed or --since TIME (one of them).");
			}
			Instant now = Instant.now();
			int pending;
			if (!this.ids.isEmpty()) {
				pending = this.outbox.replay(this.ids, this.endpoint, now);
				if (pending == 0) {
					throw new InvalidInputException("No event " + String.join(", ", this.ids)
							+ ((this.endpoint != null) ? " for endpoint " + this.endpoint : "")
							+ "; dispatch webhooks list shows the ids.");
				}
			}
			else {
				pending = this.outbox.replay(this.failed ? null : since(this.since), this.endpoint, now);
			}
			int delivered = this.delivery.deliverDueNow();
			this.spec.commandLine()
				.getOut()
				.printf("%d deliver%s to send again; %d delivered now, the rest are tried again by dispatch serve.%n",
						pending, (pending == 1) ? "y" : "ies", delivered);
			return CommandLineInterface.DONE;
		}

		private static Instant since(String text) {
			try {
				return Instant.parse(text.strip());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException(
						"--since " + text + " is not an ISO-8601 time; give one such as" + " 2026-12-03T09:00:00Z.");
			}
		}

	}

	private static String shown(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
