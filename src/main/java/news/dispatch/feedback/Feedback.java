package news.dispatch.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.LedgerEntry;
import news.dispatch.delivery.MessageReferences;
import news.dispatch.delivery.SendingSettings;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.subscriber.Suppressions;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ties a returned report to one of our messages and applies what it says:
 * <ul>
 * <li>a hard bounce marks the message BOUNCED and counts towards suppressing the address
 * as an SMTP 5xx reply does ({@code dispatch.sending.bounces-to-suppress});</li>
 * <li>soft bounces of different messages suppress after
 * {@code dispatch.feedback.soft-bounces-to-suppress} within the window;</li>
 * <li>a complaint suppresses at once and unsubscribes from everything;</li>
 * <li>an auto-reply or a delay notice changes nothing.</li>
 * </ul>
 * A report is tied by its return path (whose token must be ours: a forged one ties
 * nothing), else by the returned Message-ID (when the report also names a recipient, it
 * must be that message's), else by the recipient's last message. A report not tied, or
 * taken in before, changes nothing.
 */
@Service
public class Feedback {

	private final MessageReferences references;

	private final LedgerEntries entries;

	private final Subscribers subscribers;

	private final Suppressions suppressions;

	private final FeedbackReports reports;

	private final FeedbackSettings settings;

	private final SendingSettings sending;

	private final TransactionTemplate transaction;

	Feedback(MessageReferences references, LedgerEntries entries, Subscribers subscribers, Suppressions suppressions,
			FeedbackReports reports, FeedbackSettings settings, SendingSettings sending,
			PlatformTransactionManager transactions) {
		this.references = references;
		this.entries = entries;
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.reports = reports;
		this.settings = settings;
		this.sending = sending;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * What taking in a report did.
	 *
	 * @param kind what the report said
	 * @param ours whether it was tied to one of our messages
	 * @param changed whether anything changed (the ledger, the subscriber)
	 * @param line what happened, in one line, for the operator
	 */
	public record Outcome(ReportKind kind, boolean ours, boolean changed, String line) {
	}

	/**
	 * Ties a report to its message and applies it, all or nothing.
	 * @param fallbackKey the report's key when it has no Message-ID of its own (a hash of
	 * its bytes, a provider's event id)
	 * @param source where it came from, kept with it
	 */
	public Outcome take(Report report, String fallbackKey, String source) {
		if (report.kind() == ReportKind.UNKNOWN) {
			return new Outcome(report.kind(), false, false,
					"not a bounce, complaint or auto-reply (\"" + report.detail() + "\"); nothing changed");
		}
		Tie tie = tie(report);
		if (tie.entry() == null) {
			return new Outcome(report.kind(), false, false,
					report.kind().label() + " " + tie.why() + "; nothing changed");
		}
		LedgerEntry entry = tie.entry();
		Subscriber subscriber = this.subscribers.find(entry.subscriberId()).orElseThrow();
		String about = report.kind().label() + ((report.status() != null) ? " " + report.status() : "") + " for "
				+ entry.messageId() + " to " + subscriber.email() + " (by " + tie.why() + ")";
		if (!report.kind().acted()) {
			return new Outcome(report.kind(), true, false, about + ": not a bounce; nothing changed");
		}
		String key = key(report, entry, fallbackKey);
		Optional<Instant> taken = this.reports.takenAt(key);
		if (taken.isPresent()) {
			return new Outcome(report.kind(), true, false,
					about + ": already taken in on " + taken.get() + "; nothing changed");
		}
		String result = this.transaction.execute((status) -> apply(report, key, source, entry, subscriber));
		return new Outcome(report.kind(), true, result != null,
				about + ": " + ((result != null) ? result : "already taken in; nothing changed"));
	}

	private @Nullable String apply(Report report, String key, String source, LedgerEntry entry, Subscriber subscriber) {
		Instant now = Instant.now();
		if (!this.reports.add(key, new FeedbackEntry(report.kind(), subscriber.id(), entry.id(), report.status(),
				report.detail(), source, now))) {
			return null;
		}
		return switch (report.kind()) {
			case HARD_BOUNCE -> hardBounce(report, entry);
			case SOFT_BOUNCE -> softBounce(report, subscriber, now);
			case COMPLAINT -> this.suppressions
				.complained(subscriber.id(), "complaint (" + report.status() + ") about " + entry.messageId())
						? "subscriber suppressed and unsubscribed from everything" : "subscriber already suppressed";
			default -> throw new IllegalStateException(report.kind().name());
		};
	}

	private String hardBounce(Report report, LedgerEntry entry) {
		if (!this.entries.bouncedLate(entry.id(), "late bounce: " + report.detail())) {
			return "message already " + entry.status() + ", no bounce counted";
		}
		int threshold = this.sending.bouncesToSuppress();
		boolean suppressed = this.subscribers.recordHardBounce(entry.subscriberId(), threshold);
		return "message BOUNCED, hard bounce " + this.suppressions.hardBounces(entry.subscriberId()) + " of "
				+ threshold + (suppressed ? ", subscriber suppressed" : "");
	}

	private String softBounce(Report report, Subscriber subscriber, Instant now) {
		int count = this.reports.softBounces(subscriber.id(), now.minus(this.settings.softBounceWindow()));
		int threshold = this.settings.softBouncesToSuppress();
		String counted = "soft bounce " + count + " of " + threshold + " within "
				+ this.settings.softBounceWindow().toDays() + " days";
		if (count >= threshold && this.suppressions.suppress(subscriber.id(), count + " soft bounces within "
				+ this.settings.softBounceWindow().toDays() + " days, the last " + report.detail())) {
			return counted + ", subscriber suppressed";
		}
		return counted;
	}

	/**
	 * The message a report is about, or why none could be found.
	 */
	private record Tie(@Nullable LedgerEntry entry, String why) {
	}

	private Tie tie(Report report) {
		for (String address : report.returnPaths()) {
			MessageReferences.ReturnPath path = this.references.readReturnPath(address);
			if (path.check() == MessageReferences.Check.FORGED) {
				return new Tie(null, "carries the return path " + address
						+ " whose token this server did not sign (forged or damaged)");
			}
			if (path.check() == MessageReferences.Check.VALID) {
				Optional<LedgerEntry> entry = this.entries.entry(path.deliveryId());
				if (entry.isPresent()) {
					return new Tie(entry.get(), "return path");
				}
			}
		}
		for (String messageId : report.messageIds()) {
			Optional<LedgerEntry> entry = this.references.ourMessageId(messageId)
				.flatMap(this.entries::entryByMessageId);
			if (entry.isPresent()) {
				if (report.recipient() != null && !sameAddress(report.recipient(), entry.get())) {
					return new Tie(null, "names our message " + entry.get().messageId() + " but the recipient "
							+ report.recipient() + ", who is not the one it went to");
				}
				return new Tie(entry.get(), "Message-ID");
			}
		}
		if (report.recipient() != null) {
			Optional<LedgerEntry> entry = lastSentTo(report.recipient());
			if (entry.isPresent()) {
				return new Tie(entry.get(), "recipient");
			}
		}
		for (String address : report.otherAddresses()) {
			Optional<LedgerEntry> entry = lastSentTo(address);
			if (entry.isPresent()) {
				return new Tie(entry.get(), "recipient");
			}
		}
		return new Tie(null, "names no message of ours"
				+ ((report.recipient() != null) ? " and no subscriber (" + report.recipient() + ")" : ""));
	}

	private Optional<LedgerEntry> lastSentTo(String address) {
		return this.subscribers.findByEmail(address).flatMap((found) -> this.entries.lastSentTo(found.id()));
	}

	private boolean sameAddress(String recipient, LedgerEntry entry) {
		return this.subscribers.find(entry.subscriberId())
			.map((found) -> found.email().equalsIgnoreCase(recipient.strip()))
			.orElse(false);
	}

	/**
	 * The report's own Message-ID with the message it is about, else the fallback: a copy
	 * of the report fetched again (with other delivery headers) is the same report, while
	 * a forged copy of its Message-ID about another message is not.
	 */
	private static String key(Report report, LedgerEntry entry, String fallbackKey) {
		if (report.reportId() == null || report.reportId().isBlank()) {
			return fallbackKey;
		}
		return "id:"
				+ sha256(report.reportId().strip().toLowerCase(Locale.ROOT) + "|" + entry.id() + "|" + report.kind());
	}

	/**
	 * The hex SHA-256 of a text: the key of a report without one of its own.
	 */
	public static String sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
