package news.dispatch.subscriber;

import news.dispatch.system.InvalidInputException;

/**
 * A field of the sign-up or preferences form that cannot be used; the message says what
 * is wrong and how to fix it, for the form to show beside the field.
 */
public class InvalidChoiceException extends InvalidInputException {

	private final String field;

	InvalidChoiceException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The form field: {@code email}, {@code topics}, {@code keywords}, {@code frequency},
	 * {@code sendHour}, {@code timeZone}, {@code weeklyDay}, {@code pausedUntil},
	 * {@code name} or {@code reason}.
	 */
	public String field() {
		return this.field;
	}

}
