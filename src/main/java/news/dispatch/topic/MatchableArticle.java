package news.dispatch.topic;

import org.jspecify.annotations.Nullable;

/**
 * An article as the topic matcher sees it.
 *
 * @param id the article id
 * @param headline the headline ({@code null} is treated as empty)
 * @param body the body, paragraphs separated by a blank line ({@code "\n\n"}); the first
 * paragraph is the lead ({@code null} is treated as empty)
 * @param place where the story was filed, as its dateline gives it ("WASHINGTON"), or
 * {@code null} when the story has none; a query can match it, and a hit there counts as
 * much as one in the headline (see {@link Aboutness})
 */
public record MatchableArticle(long id, String headline, String body, @Nullable String place) {

	/**
	 * Normalize missing text to empty strings and a blank place to none.
	 */
	public MatchableArticle {
		headline = (headline != null) ? headline : "";
		body = (body != null) ? body : "";
		place = (place != null && !place.isBlank()) ? place.strip() : null;
	}

	/**
	 * An article without a separate place (a dateline at the start of the body is still
	 * read as one).
	 */
	public MatchableArticle(long id, String headline, String body) {
		this(id, headline, body, null);
	}

}
