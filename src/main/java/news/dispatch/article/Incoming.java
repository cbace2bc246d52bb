package news.dispatch.article;

import org.jspecify.annotations.Nullable;

/**
 * One item a source gave, not yet read: a file, a feed entry or a page.
 *
 * @param source the source's name
 * @param item what the report calls it
 * @param seenKey what tells whether the source gave it before (a guid, a link, a file's
 * path, size and time); null when only its text can tell
 * @param intake reads and cleans it, or refuses it
 */
record Incoming(String source, String item, @Nullable String seenKey, Intake intake) {

	/**
	 * Reads the item into a story.
	 */
	@FunctionalInterface
	interface Intake {

		/**
		 * @throws UnusableInputException when the item cannot be a story
		 */
		ArticleDraft draft();

	}

}
