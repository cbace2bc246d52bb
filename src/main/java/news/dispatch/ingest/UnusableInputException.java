package news.dispatch.ingest;

/**
 * An input that cannot become an article; the ingest run reports it and goes on.
 */
class UnusableInputException extends RuntimeException {

	private final String source;

	private final String item;

	UnusableInputException(String source, String item, String reason) {
		super(reason);
		this.source = source;
		this.item = item;
	}

	String source() {
		return this.source;
	}

	String item() {
		return this.item;
	}

	String reason() {
		return getMessage();
	}

}
