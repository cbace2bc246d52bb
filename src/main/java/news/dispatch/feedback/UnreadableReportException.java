package news.dispatch.feedback;

/**
 * A report that cannot be read at all (a broken MIME tree, too large): nothing is changed
 * for it.
 */
public class UnreadableReportException extends RuntimeException {

	public UnreadableReportException(String message, Throwable cause) {
		super(message, cause);
	}

	public UnreadableReportException(String message) {
		super(message);
	}

}
