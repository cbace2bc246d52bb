package news.dispatch.feedback;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A returned report as read, before it is tied to a message.
 *
 * @param kind what it says
 * @param status the enhanced status code ({@code 5.1.1}) or the feedback type of a
 * complaint ({@code abuse}); null when it gives none
 * @param detail the diagnostic, in one line
 * @param recipient the address the report says failed or complained, from a structured
 * field (Final-Recipient, Original-Rcpt-To); null when it has none
 * @param returnPaths addresses that may be our return path: the report's own To and
 * Delivered-To, the Original-Mail-From of a complaint, the returned Return-Path
 * @param messageIds the Message-IDs of the returned message
 * @param otherAddresses addresses found in the text of a report without structure, in
 * order: the last resort to tie it by
 * @param reportId the report's own Message-ID; null when it has none
 */
public record Report(ReportKind kind, @Nullable String status, String detail, @Nullable String recipient,
		List<String> returnPaths, List<String> messageIds, List<String> otherAddresses, @Nullable String reportId) {
}
