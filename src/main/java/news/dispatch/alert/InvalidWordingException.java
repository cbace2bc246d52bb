package news.dispatch.alert;

import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * An editor's headline or note for an alert that is longer than a message can carry; the
 * message names the field, its length and the most it may have.
 */
public class InvalidWordingException extends InvalidInputException {

	/** The longest headline an editor may give. */
	public static final int MAX_HEADLINE = 1000;

	/** The longest note an editor may give. */
	public static final int MAX_NOTE = 2000;

	private final String field;

	private InvalidWordingException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * {@code headline} or {@code note}.
	 */
	public String field() {
		return this.field;
	}

	static void check(@Nullable String headline, @Nullable String note) {
		if (headline != null && headline.strip().length() > MAX_HEADLINE) {
			throw new InvalidWordingException("headline", "The headline is " + headline.strip().length()
					+ " characters long; shorten it to " + MAX_HEADLINE + " or fewer.");
		}
		if (note != null && note.strip().length() > MAX_NOTE) {
			throw new InvalidWordingException("note", "The note is " + note.strip().length()
					+ " characters long; shorten it to " + MAX_NOTE + " or fewer.");
		}
	}

}
