package news.dispatch.alert;

import news.dispatch.system.InvalidInputException;

/**
 * The article's alert has already gone out completely: triggering it again sends nothing.
 */
public class AlreadyAlertedException extends InvalidInputException {

	private final long runId;

	AlreadyAlertedException(long articleId, long runId) {
		super("The alert for article " + articleId + " was already sent (run " + runId
				+ "); nothing new was sent. See who got it with: dispatch jobs show " + runId);
		this.runId = runId;
	}

	public long runId() {
		return this.runId;
	}

}
