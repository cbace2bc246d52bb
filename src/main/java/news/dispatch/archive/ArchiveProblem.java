package news.dispatch.archive;

import org.springframework.http.HttpStatus;

/**
 * A request the archive cannot answer with a page: an unknown topic or date (404), a page
 * number or query it will not take (400). Its message names the input and what to do; the
 * reader sees it on a styled page, never a stack trace.
 */
class ArchiveProblem extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	ArchiveProblem(HttpStatus status, String title, String message) {
		super(message);
		this.status = status;
		this.title = title;
	}

	static ArchiveProblem notFound(String title, String message) {
		return new ArchiveProblem(HttpStatus.NOT_FOUND, title, message);
	}

	static ArchiveProblem badRequest(String title, String message) {
		return new ArchiveProblem(HttpStatus.BAD_REQUEST, title, message);
	}

	HttpStatus status() {
		return this.status;
	}

	String title() {
		return this.title;
	}

	/**
	 * The page number asked for, from 1 to {@code last}; anything else (not a number,
	 * zero, negative, past the last page, or too long to be a number) is refused.
	 */
	static int page(String page, int last, String what) {
		if (page == null || page.isEmpty()) {
			return 1;
		}
		if (!page.matches("[0-9]{1,9}") || Integer.parseInt(page) < 1 || Integer.parseInt(page) > last) {
			String shown = (page.length() > 20) ? page.substring(0, 20) + "…" : page;
			throw badRequest("No such page",
					"page=" + shown + " is not a page of " + what + ": give a number from 1 to " + last + ".");
		}
		return Integer.parseInt(page);
	}

}
