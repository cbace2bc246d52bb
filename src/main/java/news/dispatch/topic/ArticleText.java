package news.dispatch.topic;

import java.util.List;

/**
 * An article being matched, with what every match of it needs worked out once: where the
 * lead ends and where its sentences are. An article can match hundreds of queries; each
 * match's score, relevance and passage read these instead of scanning the body again.
 * <p>
 * Not thread-safe: one per article and matching thread.
 */
final class ArticleText {

	private final MatchableArticle article;

	private int leadEnd = -1;

	private List<int[]> sentences;

	ArticleText(MatchableArticle article) {
		this.article = article;
	}

	MatchableArticle article() {
		return this.article;
	}

	String headline() {
		return this.article.headline();
	}

	String body() {
		return this.article.body();
	}

	/**
	 * The offset in the body where the lead (the first non-blank paragraph) ends.
	 */
	int leadEnd() {
		if (this.leadEnd < 0) {
			this.leadEnd = ArticleHits.leadEnd(this.article.body());
		}
		return this.leadEnd;
	}

	/**
	 * The body's sentences as {@code [start, end)} ranges, in order; not to be changed.
	 */
	List<int[]> sentences() {
		if (this.sentences == null) {
			this.sentences = Sentences.of(this.article.body());
		}
		return this.sentences;
	}

}
