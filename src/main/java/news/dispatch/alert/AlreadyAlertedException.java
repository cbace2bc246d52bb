package news.dispatch.alert;

import news.dispatch.system.InvalidInputException;

/**
 * The article's alert has already gone out completely, or is going out now: triggering it
 * again sends nothing.
 */
public class AlreadyAlertedException extends InvalidInputException {

	private final long runId;

	AlreadyAlertedException(long articleId, long runId) {
		this(runId, "The alert for article " + articleId + " was already sent (run " + runId
				+ "); nothing new was sent. See who got it with: dispatch jobs show " + runId);
	}

	private AlreadyAlertedException(long runId, String message) {
		super(message);
		this.runId = runId;
	}

	static AlreadyAlertedException running(long articleId, long runId) {
		return new AlreadyAlertedException(runId, "The alert for article " + articleId + " is being sent now (run "
				+ runId + "); nothing new was started. Follow it with: dispatch jobs show " + runId);
	}

	public long runId() {
		return this.runId;
	}

}
