package news.dispatch.ingest;

import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * One item a source gave, not yet read: a file, a feed entry or a page.
 *
 * @param source the source's name
 * @param item what the report calls it
 * @param seenKey what tells whether the source gave it before (a guid, a link, a file's
 * path, size and time); null when only its text can tell
 * @param intake reads and cleans it, or refuses it
 * @param readAhead the item already being read in the background, when the source reads
 * ahead of the chunk being stored
 */
record Incoming(String source, String item, @Nullable String seenKey, Intake intake,
		@Nullable Future<ChunkIntake.Read> readAhead) {

	Incoming(String source, String item, @Nullable String seenKey, Intake intake) {
		this(source, item, seenKey, intake, null);
	}

	Incoming withReadAhead(Future<ChunkIntake.Read> read) {
		return new Incoming(this.source, this.item, this.seenKey, this.intake, read);
	}

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
