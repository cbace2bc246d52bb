package news.dispatch.alert;

import java.util.List;

/**
 * What the alert templates see. Public records, because FreeMarker reads only public
 * types.
 *
 * @param topics the topics of the story that the reader follows; empty when only their
 * own keywords matched
 * @param byKeywords whether the reader's own keywords matched the story
 */
public record AlertModel(Recipient subscriber, Story story, List<String> topics, boolean byKeywords, Links links,
		Site site) {

	public record Recipient(String name, String email, List<String> topics) {
	}

	/**
	 * @param headline the editor's headline when given, else the article's
	 * @param url empty when the article has none
	 * @param lead the first paragraph, whole; the templates shorten it
	 * @param note the editor's note; empty when none
	 */
	public record Story(String headline, String url, String lead, String note) {
	}

	/**
	 * @param browser this message's own web copy ("view in browser")
	 */
	public record Links(String unsubscribe, String preferences, String browser) {
	}

	public record Site(String name, String url) {
	}

}
