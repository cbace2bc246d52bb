package news.dispatch.digest;

import java.util.List;

import news.dispatch.topic.Passage;

/**
 * What the digest templates see: {@code topics} names every topic the edition's articles
 * matched among those the subscriber follows, the topics of the sections first; an
 * article is listed once, in the section of its best-matching topic. Public records,
 * because FreeMarker reads only public types.
 */
public record DigestModel(Recipient subscriber, Edition edition, List<Section> sections, List<String> topics,
		int articleCount, Links links, Site site) {

	/**
	 * @param topics every topic they follow
	 */
	public record Recipient(String name, String email, List<String> topics) {
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

	/**
	 * @param browser this message's own web copy ("view in browser")
	 */
	public record Links(String unsubscribe, String preferences, String browser) {
	}

	public record Site(String name, String url) {
	}

}
