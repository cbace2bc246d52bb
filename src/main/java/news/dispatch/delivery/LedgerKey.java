package news.dispatch.delivery;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What a message of the ledger belongs to: a digest edition (its date) or a breaking-news
 * alert (its article). With the subscriber it identifies one message: the ledger holds
 * one row per (key, subscriber), and the message's {@code Message-ID} is built from it.
 * <p>
 * The only place where the key is written as text for the database and read back from it:
 * features pass the typed value.
 *
 * @param kind what the message is
 * @param key the edition's ISO date, or the article's id, as the ledger stores it
 */
public record LedgerKey(Kind kind, String key) {

	/**
	 * The kinds of message the ledger holds.
	 */
	public enum Kind {

		/** A digest edition, keyed by its date. */
		DIGEST,
		/** A breaking-news alert, keyed by its article. */
		ALERT;

		/**
		 * The kind as the ledger's {@code kind} column holds it.
		 */
		public String column() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * The kind a {@code kind} column holds.
		 * @throws IllegalArgumentException for a value no kind has
		 */
		public static Kind ofColumn(String column) {
			return valueOf(column.toUpperCase(Locale.ROOT));
		}

	}

	public LedgerKey {
		try {
			switch (kind) {
				case DIGEST -> LocalDate.parse(key);
				case ALERT -> Long.parseLong(key);
			}
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new IllegalArgumentException("'" + key + "' is not the key of a" + ((kind == Kind.ALERT) ? "n " : " ")
					+ kind.column() + " message", ex);
		}
	}

	/**
	 * The key of a digest edition.
	 */
	public static LedgerKey edition(LocalDate date) {
		return new LedgerKey(Kind.DIGEST, date.toString());
	}

	/**
	 * The key of an article's breaking-news alert.
	 */
	public static LedgerKey alert(long articleId) {
		return new LedgerKey(Kind.ALERT, Long.toString(articleId));
	}

	/**
	 * The key as the ledger's {@code kind} and {@code edition_key} columns hold it.
	 */
	public static LedgerKey ofColumns(String kind, String key) {
		return new LedgerKey(Kind.ofColumn(kind), key);
	}

	/**
	 * The edition's date.
	 * @throws IllegalStateException for an alert's key
	 */
	public LocalDate edition() {
		if (this.kind != Kind.DIGEST) {
			throw new IllegalStateException(this + " is not a digest edition");
		}
		return LocalDate.parse(this.key);
	}

	/**
	 * The alerted article's id.
	 * @throws IllegalStateException for a digest's key
	 */
	public long articleId() {
		if (this.kind != Kind.ALERT) {
			throw new IllegalStateException(this + " is not an alert");
		}
		return Long.parseLong(this.key);
	}

	/**
	 * The part of a {@code Message-ID} before the subscriber: {@code digest.2026-05-04},
	 * {@code alert.42}.
	 */
	String messageIdPart() {
		return this.kind.column() + "." + this.key;
	}

	@Override
	public String toString() {
		return messageIdPart();
	}

}
