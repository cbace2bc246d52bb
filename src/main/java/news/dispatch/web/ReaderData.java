package news.dispatch.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.LedgerEntry;
import news.dispatch.feedback.FeedbackEntry;
import news.dispatch.feedback.FeedbackReports;
import news.dispatch.subscriber.ReaderChanges;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.Suppressions;
import news.dispatch.tracking.Clicks;
import news.dispatch.tracking.TrackingSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Everything Dispatch keeps about one reader, as one JSON document for them to download
 * (GDPR article 15): who they are and what they asked for, the messages sent to them, the
 * bounces and complaints that came back, their clicks when those are kept per reader
 * ({@code dispatch.tracking.per-reader}), and the changes made to their subscription, by
 * them or by an operator.
 */
@Component
class ReaderData {

	/** More messages than any reader is sent in years. */
	private static final int MESSAGES = 1_000_000;

	private final LedgerEntries entries;

	private final FeedbackReports reports;

	private final Suppressions suppressions;

	private final ReaderChanges changes;

	private final Clicks clicks;

	private final TrackingSettings tracking;

	ReaderData(LedgerEntries entries, FeedbackReports reports, Suppressions suppressions, ReaderChanges changes,
			Clicks clicks, TrackingSettings tracking) {
		this.entries = entries;
		this.reports = reports;
		this.suppressions = suppressions;
		this.changes = changes;
		this.clicks = clicks;
		this.tracking = tracking;
	}

	Map<String, @Nullable Object> of(Subscriber subscriber) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("exportedAt", Instant.now().toString());
		Map<String, @Nullable Object> who = new LinkedHashMap<>();
		who.put("id", subscriber.id());
		who.put("email", subscriber.email());
		who.put("newEmailWaitingForConfirmation", subscriber.newEmail());
		who.put("name", subscriber.name());
		who.put("status", subscriber.status().name());
		who.put("hardBounces", this.suppressions.hardBounces(subscriber.id()));
		data.put("subscriber", who);
		Map<String, @Nullable Object> choices = new LinkedHashMap<>();
		choices.put("topics", subscriber.topics());
		choices.put("keywords", subscriber.keywords());
		choices.put("frequency", subscriber.frequency().name());
		choices.put("weeklyDay", (subscriber.weeklyDay() != null) ? subscriber.weeklyDay().name() : null);
		choices.put("sendHour", subscriber.sendHour());
		choices.put("timeZone", subscriber.timeZone().getId());
		choices.put("alerts", subscriber.alerts());
		choices.put("pausedUntil", (subscriber.pausedUntil() != null) ? subscriber.pausedUntil().toString() : null);
		choices.put("linkTracking", subscriber.linkTracking());
		data.put("subscriptions", choices);
		data.put("messages",
				this.entries.entriesOf(subscriber.id(), MESSAGES).stream().map(ReaderData::message).toList());
		data.put("bouncesAndComplaints", this.reports.of(subscriber.id()).stream().map(ReaderData::report).toList());
		data.put("clicksKeptPerReader", this.tracking.perReader());
		data.put("clicks", this.clicks.of(subscriber.id()).stream().map((click) -> {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			json.put("kind", click.kind());
			json.put("edition", click.edition());
			json.put("articleId", click.articleId());
			json.put("at", click.at().toString());
			json.put("takenForLinkScanner", click.bot() != null);
			return json;
		}).toList());
		data.put("changesByYou", this.changes.of(subscriber.id()).stream().map((change) -> {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			json.put("kind", change.kind());
			json.put("detail", change.detail());
			json.put("at", change.at().toString());
			return json;
		}).toList());
		data.put("statusChanges", this.suppressions.history(subscriber.id()).stream().map((change) -> {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			json.put("status", change.status());
			json.put("reason", change.reason());
			json.put("at", change.at().toString());
			return json;
		}).toList());
		return data;
	}

	private static Map<String, @Nullable Object> message(LedgerEntry message) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("kind", message.key().kind().column());
		json.put("edition", message.key().key());
		json.put("messageId", message.messageId());
		json.put("status", message.status().name());
		json.put("plannedAt", message.plannedAt().toString());
		json.put("sentAt", (message.sentAt() != null) ? message.sentAt().toString() : null);
		json.put("lastReply", message.lastReply());
		return json;
	}

	private static Map<String, @Nullable Object> report(FeedbackEntry report) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("kind", report.kind().name());
		json.put("status", report.status());
		json.put("detail", report.detail());
		json.put("source", report.source());
		json.put("receivedAt", report.receivedAt().toString());
		return json;
	}

}
