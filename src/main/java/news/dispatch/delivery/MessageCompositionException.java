package news.dispatch.delivery;

/**
 * A message could not be composed, most often because a template has an error. The send
 * step fails with this message; nothing unsent is lost, and a restart after the fix goes
 * on.
 */
public class MessageCompositionException extends RuntimeException {

	public MessageCompositionException(String message, Throwable cause) {
		super(message, cause);
	}

}
