package news.dispatch.system;

import java.util.Optional;

/**
 * Finding the sentence that explains a failure: Dispatch's own exceptions carry a message
 * written for the operator (what went wrong, what to do); anything else is explained by
 * its root cause.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The message of the outermost Dispatch exception in the chain, if there is one.
	 */
	public static Optional<String> ownMessage(Throwable failure) {
		for (Throwable ex = failure; ex != null; ex = (ex.getCause() != ex) ? ex.getCause() : null) {
			if (ex.getClass().getName().startsWith("news.dispatch.") && ex.getMessage() != null) {
				return Optional.of(ex.getMessage());
			}
		}
		return Optional.empty();
	}

	/**
	 * The message of the root cause, or its type when it has none.
	 */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * Dispatch's own message if there is one, else the root cause's.
	 */
	public static String explain(Throwable failure) {
		return ownMessage(failure).orElseGet(() -> rootMessage(failure));
	}

}
