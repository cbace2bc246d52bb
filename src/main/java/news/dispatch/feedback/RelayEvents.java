package news.dispatch.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Takes in the bounce and complaint events relays post to their webhooks, in each
 * provider's documented JSON: Postmark (one Bounce or SpamComplaint record), SendGrid (an
 * array of events), Mailgun (one {@code event-data}). Each event is tied and applied as a
 * returned report is ({@link Feedback}), keyed by the provider's event id, so an event
 * posted twice changes nothing the second time. Whoever calls this has checked that the
 * provider sent it.
 */
@Service
public class RelayEvents {

	private final Feedback feedback;

	RelayEvents(Feedback feedback) {
		this.feedback = feedback;
	}

	/**
	 * Takes in a Postmark webhook call.
	 */
	public List<Feedback.Outcome> postmark(JsonNode call) {
		String type = text(call, "Type");
		String record = text(call, "RecordType");
		ReportKind kind = switch ((type != null) ? type : "") {
			case "HardBounce", "BadEmailAddress", "Blocked" -> ReportKind.HARD_BOUNCE;
			case "SoftBounce", "Transient", "DnsError", "MailboxFull" -> ReportKind.SOFT_BOUNCE;
			case "SpamComplaint", "SpamNotification" -> ReportKind.COMPLAINT;
			case "AutoResponder" -> ReportKind.AUTO_REPLY;
			default -> "SpamComplaint".equals(record) ? ReportKind.COMPLAINT : ReportKind.NOTICE;
		};
		String detail = join(text(call, "Description"), text(call, "Details"));
		return List.of(take(kind, null, detail, text(call, "Email"), header(call.path("Headers"), "Message-ID"),
				"postmark:" + call.path("ID").asString(""), "webhook postmark"));
	}

	/**
	 * Takes in a SendGrid event webhook call: an array of events.
	 */
	public List<Feedback.Outcome> sendgrid(JsonNode call) {
		List<Feedback.Outcome> outcomes = new ArrayList<>();
		for (JsonNode event : call.isArray() ? call : List.of(call)) {
			String name = String.valueOf(text(event, "event")).toLowerCase(Locale.ROOT);
			String status = text(event, "status");
			ReportKind kind = switch (name) {
				case "bounce" ->
					(status != null && status.startsWith("4")) ? ReportKind.SOFT_BOUNCE : ReportKind.HARD_BOUNCE;
				case "spamreport" -> ReportKind.COMPLAINT;
				case "deferred", "dropped", "delivered", "processed" -> ReportKind.NOTICE;
				default -> ReportKind.UNKNOWN;
			};
			if (kind == ReportKind.UNKNOWN) {
				continue;
			}
			outcomes.add(take(kind, status, join(text(event, "reason"), text(event, "response")), text(event, "email"),
					text(event, "smtp-id"), "sendgrid:" + text(event, "sg_event_id"), "webhook sendgrid"));
		}
		return outcomes;
	}

	/**
	 * Takes in a Mailgun webhook call ({@code {"signature": …, "event-data": …}}).
	 */
	public List<Feedback.Outcome> mailgun(JsonNode call) {
		JsonNode event = call.path("event-data");
		String name = String.valueOf(text(event, "event")).toLowerCase(Locale.ROOT);
		JsonNode delivery = event.path("delivery-status");
		String enhanced = text(delivery, "enhanced-code");
		ReportKind kind = switch (name) {
			case "failed" ->
				"temporary".equals(text(event, "severity")) ? ReportKind.SOFT_BOUNCE : ReportKind.HARD_BOUNCE;
			case "complained" -> ReportKind.COMPLAINT;
			default -> ReportKind.NOTICE;
		};
		String messageId = text(event.path("message").path("headers"), "message-id");
		String detail = join(delivery.path("code").isMissingNode() ? null : delivery.path("code").asString(""),
				join(text(delivery, "message"), text(delivery, "description")));
		return List.of(take(kind, (enhanced == null || enhanced.isBlank()) ? null : enhanced, detail,
				text(event, "recipient"), messageId, "mailgun:" + text(event, "id"), "webhook mailgun"));
	}

	/**
	 * Takes in an Amazon SES notification (the {@code Message} of an SNS notification): a
	 * Bounce or a Complaint, one outcome per recipient it names.
	 */
	public List<Feedback.Outcome> ses(JsonNode message) {
		String type = text(message, "notificationType");
		if (type == null) {
			type = text(message, "eventType");
		}
		JsonNode mail = message.path("mail");
		String messageId = text(mail.path("commonHeaders"), "messageId");
		for (JsonNode header : mail.path("headers")) {
			if ("Message-ID".equalsIgnoreCase(header.path("name").asString(""))) {
				messageId = header.path("value").asString("");
			}
		}
		List<Feedback.Outcome> outcomes = new ArrayList<>();
		if ("Bounce".equals(type)) {
			JsonNode bounce = message.path("bounce");
			String bounceType = String.valueOf(text(bounce, "bounceType"));
			for (JsonNode recipient : bounce.path("bouncedRecipients")) {
				String status = text(recipient, "status");
				ReportKind kind = ("Permanent".equals(bounceType) && (status == null || !status.startsWith("4"))
						&& !"MailboxFull".equals(text(bounce, "bounceSubType"))) ? ReportKind.HARD_BOUNCE
								: ReportKind.SOFT_BOUNCE;
				outcomes.add(take(kind, status,
						join(bounceType + " " + text(bounce, "bounceSubType"), text(recipient, "diagnosticCode")),
						text(recipient, "emailAddress"), messageId,
						"ses:" + text(bounce, "feedbackId") + ":" + text(recipient, "emailAddress"), "webhook ses"));
			}
		}
		else if ("Complaint".equals(type)) {
			JsonNode complaint = message.path("complaint");
			String feedbackType = text(complaint, "complaintFeedbackType");
			for (JsonNode recipient : complaint.path("complainedRecipients")) {
				outcomes.add(take(ReportKind.COMPLAINT, (feedbackType != null) ? feedbackType : "abuse",
						"reported as spam", text(recipient, "emailAddress"), messageId,
						"ses:" + text(complaint, "feedbackId") + ":" + text(recipient, "emailAddress"), "webhook ses"));
			}
		}
		return outcomes;
	}

	private Feedback.Outcome take(ReportKind kind, @Nullable String status, String detail, @Nullable String email,
			@Nullable String messageId, String eventId, String source) {
		List<String> ids = new ArrayList<>();
		if (messageId != null && !messageId.isBlank()) {
			String id = messageId.strip();
			ids.add(id.startsWith("<") ? id : "<" + id + ">");
		}
		String line = detail.replaceAll("\\s+", " ").strip();
		Report report = new Report(kind, status, line.isEmpty() ? kind.label() : line,
				(email != null) ? email.strip().toLowerCase(Locale.ROOT) : null, List.of(), ids, List.of(), eventId);
		return this.feedback.take(report, eventId, source);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString("");
	}

	/**
	 * A header of Postmark's {@code [{"Name": …, "Value": …}]} list.
	 */
	private static @Nullable String header(JsonNode headers, String name) {
		for (JsonNode header : headers) {
			if (name.equalsIgnoreCase(header.path("Name").asString(""))) {
				return header.path("Value").asString("");
			}
		}
		return null;
	}

	private static String join(@Nullable String first, @Nullable String second) {
		if (first == null || first.isBlank()) {
			return (second != null) ? second : "";
		}
		return (second == null || second.isBlank()) ? first : first + ": " + second;
	}

}
