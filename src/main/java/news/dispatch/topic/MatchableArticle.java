package news.dispatch.topic;

/**
 * An article as the topic matcher sees it.
 *
 * @param id the article id
 * @param headline the headline ({@code null} is treated as empty)
 * @param body the body, paragraphs separated by a blank line ({@code "\n\n"}); the first
 * paragraph is the lead ({@code null} is treated as empty)
 */
public record MatchableArticle(long id, String headline, String body) {

	/**
	 * Normalize missing text to empty strings.
	 */
	public MatchableArticle {
		headline = (headline != null) ? headline : "";
		body = (body != null) ? body : "";
	}

}
