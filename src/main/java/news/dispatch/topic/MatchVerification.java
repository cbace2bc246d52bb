package news.dispatch.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;

import org.springframework.stereotype.Service;

/**
 * Checks what is stored about each recent story's matches against what the current topics
 * and keywords match now, matched again in memory, apart from the kept query index and
 * the matcher the jobs use: {@code dispatch topics verify}.
 */
@Service
public class MatchVerification {

	private final TopicMatching matching;

	private final Articles articles;

	private final ArticleMatches matches;

	private final MatchingSettings settings;

	MatchVerification(TopicMatching matching, Articles articles, ArticleMatches matches, MatchingSettings settings) {
		this.matching = matching;
		this.articles = articles;
		this.matches = matches;
		this.settings = settings;
	}

	/**
	 * Matches every story published in the last {@code days} days against the current
	 * queries and compares with what is stored. Nothing is written.
	 * @param days how far back to look, 1 or more
	 * @return how many stories were checked, and every difference
	 */
	public Report verify(int days) {
		TopicMatching.Catalog catalog = this.matching.catalog();
		Map<Long, String> topicNames = catalog.topics().stream().collect(Collectors.toMap(Topic::id, Topic::name));
		Instant since = Instant.now().minus(Duration.ofDays(days));
		List<Difference> differences = new ArrayList<>();
		int checked = 0;
		try (TopicMatcher matcher = catalog.matcher(null)) {
			List<Article> batch = this.articles.publishedSince(since, 0, this.settings.batchSize());
			while (!batch.isEmpty()) {
				checked += batch.size();
				List<Long> ids = batch.stream().map(Article::id).toList();
				Map<Long, Set<String>> now = matcher
					.match(batch.stream()
						.map((a) -> new MatchableArticle(a.id(), a.headline(), a.body(), a.place()))
						.toList())
					.stream()
					.collect(Collectors.groupingBy(TopicMatch::articleId,
							Collectors.mapping(TopicMatch::queryId, Collectors.toCollection(TreeSet::new))));
				Map<Long, Set<String>> stored = this.matches.storedQueryIds(ids);
				Map<Long, String> revisions = this.articles.matchedRevisions(ids);
				for (Article article : batch) {
					Set<String> matchesNow = now.getOrDefault(article.id(), Set.of());
					Set<String> storedNow = stored.getOrDefault(article.id(), Set.of());
					Set<String> all = new TreeSet<>(matchesNow);
					all.addAll(storedNow);
					boolean current = catalog.revision().equals(revisions.get(article.id()));
					for (String queryId : all) {
						if (matchesNow.contains(queryId) != storedNow.contains(queryId)) {
							differences.add(new Difference(article.id(), article.headline(), owner(queryId, topicNames),
									storedNow.contains(queryId), current));
						}
					}
				}
				batch = this.articles.publishedSince(since, ids.get(ids.size() - 1), this.settings.batchSize());
			}
		}
		return new Report(checked, days, differences);
	}

	private static String owner(String queryId, Map<Long, String> topicNames) {
		long id = QueryIds.owner(queryId);
		if (QueryIds.isKeywords(queryId)) {
			return "the keywords of subscriber " + id;
		}
		return "topic \"" + topicNames.getOrDefault(id, "#" + id) + "\"";
	}

	/**
	 * What a verification found.
	 *
	 * @param stories how many stories were checked
	 * @param days how far back they were published
	 * @param differences each story and query on which the stored matches and the current
	 * queries disagree
	 */
	public record Report(int stories, int days, List<Difference> differences) {
	}

	/**
	 * One story and one query on which what is stored and what matches now disagree.
	 *
	 * @param owner the topic or the subscriber's keywords, as a reader would name it
	 * @param stored whether the match is stored: if so it no longer matches, if not it
	 * matches now but is not stored
	 * @param current whether the story is recorded as matched under the current queries;
	 * if not, the next match step would match it again, and the difference is pending,
	 * not lost
	 */
	public record Difference(long articleId, String headline, String owner, boolean stored, boolean current) {
	}

}
