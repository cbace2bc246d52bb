package news.dispatch.topic;

import java.util.List;

/**
 * One article matching one topic query.
 *
 * @param articleId the id of the matching article
 * @param queryId the id of the matching query
 * @param score the sum of hit weights: 3.0 per hit in the headline, 2.0 per hit in the
 * lead (first body paragraph), 1.0 per hit elsewhere in the body, rounded to two decimals
 * @param snippet the passage that shows why the article matched: the body sentence with
 * the most hits, or the headline when only the headline matched; cut to about 240
 * characters with "…" where cut
 * @param highlights the matched words and phrases within {@code snippet}: sorted,
 * non-overlapping, end exclusive
 */
public record TopicMatch(long articleId, String queryId, double score, String snippet, List<Highlight> highlights) {

	/**
	 * Make the highlights immutable.
	 */
	public TopicMatch {
		highlights = List.copyOf(highlights);
	}

}
