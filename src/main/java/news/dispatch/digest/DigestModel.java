package news.dispatch.digest;

import java.util.List;

import news.dispatch.topic.Passage;

/**
 * What the digest templates see. Public records, because FreeMarker reads only public
 * types.
 */
public record DigestModel(Recipient subscriber, Edition edition, List<Section> sections, int articleCount, Links links,
		Site site) {

	public record Recipient(String name, String email) {
	}

	/**
	 * @param date ISO date, e.g. 2026-11-29
	 * @param title e.g. Sunday 29 November 2026
	 */
	public record Edition(String date, String title) {
	}

	public record Section(String topic, List<Item> items) {
	}

	/**
	 * @param url empty when the article has none
	 * @param lead the first paragraph, whole; the templates shorten it
	 * @param passage the sentence that matched, with the matched words marked
	 * @param alsoIn other sources of the same story
	 */
	public record Item(String headline, String url, String lead, List<Passage.Part> passage, List<String> alsoIn) {
	}

	public record Links(String unsubscribe, String preferences) {
	}

	public record Site(String name, String url) {
	}

}
