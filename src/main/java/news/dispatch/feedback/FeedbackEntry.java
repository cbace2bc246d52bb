package news.dispatch.feedback;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A report taken in and tied to one of our messages.
 *
 * @param deliveryId the ledger row it was about; null when it is gone
 * @param status the enhanced status code or the complaint's feedback type
 * @param source where it came from: a file, a mailbox, a relay's webhook
 */
public record FeedbackEntry(ReportKind kind, long subscriberId, @Nullable Long deliveryId, @Nullable String status,
		@Nullable String detail, String source, Instant receivedAt) {
}
