package news.dispatch.system;

/**
 * The exit codes of every {@code dispatch} command, a contract scripts rely on.
 */
public final class ExitCodes {

	/** The command did what it was asked. */
	public static final int DONE = 0;

	/** The job failed or stopped. */
	public static final int FAILED = 1;

	/** Bad usage or bad input. */
	public static final int BAD_INPUT = 2;

	private ExitCodes() {
	}

}
