package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.LedgerEntry;
import news.dispatch.feedback.FeedbackEntry;
import news.dispatch.feedback.FeedbackReports;
import news.dispatch.subscriber.ReaderChanges;
import news.dispatch.subscriber.ReaderChanges.ReaderChange;
import news.dispatch.subscriber.StatusChange;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.subscriber.Suppressions;
import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch subscribers show EMAIL}: a subscriber's status and what happened to
 * their mail (sent, bounced, complained, suppressed, reactivated), with dates and
 * reasons; and what the reader changed themselves (name, address, leaving and why).
 */
@Command(name = "show", mixinStandardHelpOptions = true,
		description = "A subscriber's status and history: messages sent, bounces and complaints that came back,"
				+ " suppressions and reactivations, with dates and reasons; the reader's own changes of name and"
				+ " address, and why they left if they said.")
class SubscriberShowCommand implements Runnable {

	private static final int MESSAGES = 50;

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "EMAIL", description = "The subscriber's address.")
	private String email;

	@Option(names = "--json", description = "Print one JSON document.")
	private boolean json;

	private final Subscribers subscribers;

	private final Suppressions suppressions;

	private final LedgerEntries entries;

	private final FeedbackReports reports;

	private final ReaderChanges readerChanges;

	SubscriberShowCommand(Subscribers subscribers, Suppressions suppressions, LedgerEntries entries,
			FeedbackReports reports, ReaderChanges readerChanges) {
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.entries = entries;
		this.reports = reports;
		this.readerChanges = readerChanges;
	}

	@Override
	public void run() {
		Subscriber subscriber = find(this.subscribers, this.email);
		List<LedgerEntry> messages = this.entries.entriesOf(subscriber.id(), MESSAGES);
		List<FeedbackEntry> reports = this.reports.of(subscriber.id());
		List<StatusChange> changes = this.suppressions.history(subscriber.id());
		List<ReaderChange> own = this.readerChanges.of(subscriber.id());
		Map<String, Object> json = SubscribersCommand.json(subscriber);
		json.put("hardBounces", this.suppressions.hardBounces(subscriber.id()));
		json.put("reason", reason(subscriber, changes, own));
		json.put("messages", messages.stream().map(SubscriberShowCommand::json).toList());
		json.put("reports", reports.stream().map(SubscriberShowCommand::json).toList());
		json.put("statusChanges", changes);
		json.put("readerChanges", own);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			Json.print(out, json);
			return;
		}
		out.printf("%s%s: %s%s%n", subscriber.email(),
				subscriber.name().isEmpty() ? "" : " (" + subscriber.name() + ")", subscriber.status(),
				(json.get("reason") != null) ? " (" + json.get("reason") + ")" : "");
		out.printf("Follows: %s; hard bounces counted: %s%n",
				subscriber.topics().isEmpty() ? "nothing" : String.join(", ", subscriber.topics()),
				json.get("hardBounces"));
		List<Line> lines = new ArrayList<>();
		for (LedgerEntry message : messages) {
			Instant at = (message.sentAt() != null) ? message.sentAt() : message.plannedAt();
			lines.add(new Line(at,
					String.format("%-12s %s %s %s%s", message.status().name().toLowerCase(),
							message.key().kind().column(), message.key().key(), message.messageId(),
							(message.lastReply() != null) ? "  " + message.lastReply() : "")));
		}
		for (FeedbackEntry report : reports) {
			lines.add(new Line(report.receivedAt(),
					String.format("%-12s %s (%s)%s", report.kind().label(),
							(report.status() != null) ? report.status() : "", report.source(),
							(report.detail() != null) ? ": " + report.detail() : "")));
		}
		for (StatusChange change : changes) {
			lines.add(new Line(change.at(),
					String.format("%-12s %s", "→ " + change.status().toLowerCase(), change.reason())));
		}
		for (ReaderChange change : own) {
			lines.add(new Line(change.at(), String.format("%-12s %s", "reader: " + change.kind(),
					(change.detail() != null) ? change.detail() : "")));
		}
		lines.sort(Comparator.comparing(Line::at));
		out.println(lines.isEmpty() ? "No history yet." : "History, oldest first:");
		for (Line line : lines) {
			out.printf("  %s  %s%n", line.at().truncatedTo(ChronoUnit.SECONDS), line.text());
		}
	}

	private record Line(Instant at, String text) {
	}

	/**
	 * Why a subscriber who gets nothing stands where they are: the last change of status,
	 * or the reason the reader gave for leaving if that came later.
	 */
	private static @Nullable String reason(Subscriber subscriber, List<StatusChange> changes, List<ReaderChange> own) {
		if (subscriber.active()) {
			return null;
		}
		StatusChange status = changes.isEmpty() ? null : changes.get(changes.size() - 1);
		ReaderChange left = own.stream()
			.filter((change) -> change.kind().equals(ReaderChanges.LEFT))
			.reduce((first, second) -> second)
			.orElse(null);
		if (left != null && subscriber.status() == SubscriberStatus.UNSUBSCRIBED
				&& (status == null || left.at().isAfter(status.at()))) {
			return "the reader said: " + left.detail();
		}
		return (status != null) ? status.reason() : null;
	}

	/**
	 * The reason an operator gave with {@code --reason}, stripped; refused when blank.
	 * @param hint what the reason should say, e.g. "say why"
	 */
	static String reason(String reason, String hint) {
		if (reason.isBlank()) {
			throw new InvalidInputException("The reason is empty; " + hint + " with --reason \"...\".");
		}
		return reason.strip();
	}

	static Subscriber find(Subscribers subscribers, String email) {
		return subscribers.findByEmail(email)
			.orElseThrow(() -> new InvalidInputException("No subscriber has the address " + email
					+ "; check the address (dispatch subscribers list shows them all)."));
	}

	private static Map<String, Object> json(LedgerEntry message) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kind", message.key().kind().column());
		json.put("key", message.key().key());
		json.put("messageId", message.messageId());
		json.put("status", message.status().name());
		json.put("plannedAt", message.plannedAt().toString());
		json.put("sentAt", (message.sentAt() != null) ? message.sentAt().toString() : null);
		json.put("lastReply", message.lastReply());
		return json;
	}

	private static Map<String, Object> json(FeedbackEntry report) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kind", report.kind().name());
		json.put("status", report.status());
		json.put("detail", report.detail());
		json.put("source", report.source());
		json.put("receivedAt", report.receivedAt().toString());
		return json;
	}

}
