package news.dispatch.ingest;

import news.dispatch.topic.MatchableArticle;

/**
 * Reads plain-text wire copy as ingest does (headline, paragraphs, the dateline kept as
 * the place), for the relevance report's wire-copy runs in another package.
 */
public final class WireStories {

	private WireStories() {
	}

	/**
	 * The story as the matcher would see it once ingested, or null when the text has no
	 * words.
	 */
	public static MatchableArticle read(long id, String text) {
		WireCopy.Story story = WireCopy.headed(text);
		if (story == null) {
			return null;
		}
		Dateline.Located located = Dateline.locate(story.paragraphs());
		return new MatchableArticle(id, story.headline(), String.join("\n\n", located.paragraphs()), located.place());
	}

}
