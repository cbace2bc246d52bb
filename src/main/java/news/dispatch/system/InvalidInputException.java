package news.dispatch.system;

/**
 * Input a person gave that Dispatch cannot use: a file that cannot be read, a value in
 * the wrong form. The message is one sentence that names the input and the fix; the
 * command line prints it and exits with 2.
 */
public class InvalidInputException extends RuntimeException {

	public InvalidInputException(String message) {
		super(message);
	}

	public InvalidInputException(String message, Throwable cause) {
		super(message, cause);
	}

}
