package news.dispatch.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;

import org.springframework.stereotype.Service;

/**
 * Tries a query on recent articles before it is saved as a topic: which articles it would
 * match, with the score and the passage that shows why, and, when asked, the stories the
 * query matches but the relevance rule leaves out, with the part that decided. Nothing is
 * stored.
 */
@Service
public class QueryTrial {

	private static final String QUERY_ID = "trial";

	private final Articles articles;

	private final MatchingSettings settings;

	QueryTrial(Articles articles, MatchingSettings settings) {
		this.articles = articles;
		this.settings = settings;
	}

	/**
	 * An article the query matched.
	 *
	 * @param score the sum of hit weights, as {@link TopicMatch#score()}
	 * @param passage the passage that shows why, with the matched words marked
	 * @param in whether the relevance rule lets it in
	 * @param aboutness how much it is about the topic ({@link Relevance})
	 * @param reason the part that decided, in a few words ("in: the headline names it")
	 */
	public record Result(long id, String headline, Instant publishedAt, double score, Passage passage, boolean in,
			double aboutness, String reason) {
	}

	/**
	 * Match the query against the articles published in the last {@code days} days.
	 * @param query a query in the {@link QueryLanguage}
	 * @param relevance what a match must also satisfy; see
	 * {@link MatchingSettings#defaultRelevance()} for the usual
	 * @param days how far back to look
	 * @param limit the most results to return
	 * @return the articles the rule lets in, most about the topic first, then by score,
	 * then newest
	 * @throws InvalidQueryException if the query is invalid, with the position and reason
	 */
	public List<Result> run(String query, Relevance relevance, int days, int limit) {
		return run(query, relevance, days, limit, false);
	}

	/**
	 * Match the query against the articles published in the last {@code days} days, and
	 * tell which the relevance rule lets in and why.
	 * @param query a query in the {@link QueryLanguage}
	 * @param relevance what a match must also satisfy
	 * @param days how far back to look
	 * @param limit the most results to return
	 * @param withOut whether to list also the stories the query matches but the rule
	 * leaves out
	 * @return the stories, those let in first, then by aboutness, score and newest
	 * @throws InvalidQueryException if the query is invalid, with the position and reason
	 */
	public List<Result> run(String query, Relevance relevance, int days, int limit, boolean withOut) {
		Instant since = Instant.now().minus(Duration.ofDays(days));
		List<Article> recent = this.articles.publishedSince(since, this.settings.trialMaxArticles());
		List<Result> results = new ArrayList<>();
		try (TopicMatcher matcher = new TopicMatcher(Map.of(QUERY_ID, query), Map.of(QUERY_ID, relevance),
				(invalid) -> {
					throw invalid;
				})) {
			for (int from = 0; from < recent.size(); from += this.settings.batchSize()) {
				List<Article> batch = recent.subList(from, Math.min(recent.size(), from + this.settings.batchSize()));
				Map<Long, Article> byId = new HashMap<>();
				batch.forEach((article) -> byId.put(article.id(), article));
				for (TopicMatcher.Trial trial : matcher.trial(batch.stream()
					.map((article) -> new MatchableArticle(article.id(), article.headline(), article.body(),
							article.place()))
					.toList())) {
					if (!trial.admitted() && !withOut) {
						continue;
					}
					TopicMatch match = trial.match();
					Article article = byId.get(match.articleId());
					results.add(new Result(article.id(), article.headline(), article.publishedAt(), match.score(),
							new Passage(match.snippet(), match.highlights()), trial.admitted(),
							trial.aboutness().score(), trial.reason()));
				}
			}
		}
		catch (InvalidQueryException ex) {
			throw new InvalidQueryException(ex.position(), ex.reason());
		}
		results.sort(Comparator.comparing(Result::in)
			.thenComparingDouble(Result::aboutness)
			.thenComparingDouble(Result::score)
			.reversed()
			.thenComparing(Result::publishedAt, Comparator.reverseOrder()));
		return List.copyOf(results.subList(0, Math.min(limit, results.size())));
	}

}
