package news.dispatch.topic;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MatchingQueries;

/**
 * Matches articles against a fixed set of topic and keyword queries, using an in-memory
 * Lucene {@link Monitor}.
 * <p>
 * Every query is parsed with {@link QueryLanguage} when the matcher is created. Each call
 * to {@link #match(List)} returns every (article, query) pair that matches, with a
 * {@link TopicMatch#score() score}, a {@link TopicMatch#snippet() snippet} and its
 * {@link TopicMatch#highlights() highlights}.
 * <p>
 * Thread-safety: instances are safe to share, but {@link #match(List)} and
 * {@link #close()} are serialized on the instance; the intended use is one matcher per
 * job run. Close the matcher when done.
 */
public final class TopicMatcher implements Closeable {

	private static final System.Logger logger = System.getLogger(TopicMatcher.class.getName());

	private final Analyzer analyzer = QueryLanguage.analyzer();

	private final Monitor monitor;

	private final int size;

	private final Map<String, Relevance> relevance;

	/**
	 * Create a matcher for the given queries, with no relevance demands.
	 * @param queriesById topic queries in the {@link QueryLanguage}, keyed by query id
	 * @throws InvalidQueryException if a query is invalid; its message names the query id
	 * @throws UncheckedIOException if the monitor cannot be set up
	 */
	public TopicMatcher(Map<String, String> queriesById) {
		this(queriesById, Map.of(), (invalid) -> {
			throw invalid;
		});
	}

	/**
	 * Create a matcher for the given queries.
	 * @param queriesById queries in the {@link QueryLanguage}, keyed by query id
	 * @param relevance what a match of a query must also satisfy, by query id; a query
	 * not in it has {@link Relevance#ANY}
	 * @param onInvalid told of each invalid query, which is left out; it may throw to
	 * refuse the whole set
	 * @throws UncheckedIOException if the monitor cannot be set up
	 */
	public TopicMatcher(Map<String, String> queriesById, Map<String, Relevance> relevance,
			Consumer<InvalidQueryException> onInvalid) {
		Objects.requireNonNull(queriesById, "queriesById must not be null");
		List<MonitorQuery> queries = new ArrayList<>();
		new TreeMap<>(queriesById).forEach((id, query) -> {
			try {
				queries.add(toMonitorQuery(id, query));
			}
			catch (InvalidQueryException ex) {
				onInvalid.accept(ex);
			}
		});
		this.size = queries.size();
		this.relevance = Map.copyOf(relevance);
		this.monitor = createMonitor(this.analyzer, queries);
	}

	private static Monitor createMonitor(Analyzer analyzer, List<MonitorQuery> queries) {
		Monitor monitor = null;
		try {
			monitor = new Monitor(analyzer);
			monitor.register(queries);
			return monitor;
		}
		catch (IOException ex) {
			UncheckedIOException failure = new UncheckedIOException("Could not set up the topic monitor", ex);
			try {
				if (monitor != null) {
					monitor.close();
				}
			}
			catch (IOException closeFailure) {
				failure.addSuppressed(closeFailure);
			}
			analyzer.close();
			throw failure;
		}
	}

	private static MonitorQuery toMonitorQuery(String id, String query) {
		Objects.requireNonNull(id, "query id must not be null");
		try {
			return new MonitorQuery(id, QueryLanguage.parse(query), query, Map.of());
		}
		catch (InvalidQueryException ex) {
			throw ex.forQuery(id);
		}
	}

	/**
	 * Return the number of registered queries.
	 * @return the number of queries
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Match a batch of articles against all queries.
	 * @param articles the articles to match
	 * @return one {@link TopicMatch} per matching (article, query) pair, in article
	 * order, then by descending score, then by query id
	 * @throws UncheckedIOException if matching fails
	 */
	public synchronized List<TopicMatch> match(List<MatchableArticle> articles) {
		if (articles.isEmpty() || this.size == 0) {
			return List.of();
		}
		List<TopicMatch> matches = new ArrayList<>();
		for (MatchableArticle article : articles) {
			// One article at a time: the presearcher then picks only the queries that can
			// match this article. With a batch it picks those that can match any of them,
			// which with 100,000 queries made matching 100 at a time eight times slower
			// (MatchingBenchmark).
			MatchingQueries<HighlightsMatch> result;
			try {
				result = this.monitor.match(ArticleDocuments.of(article), HighlightsMatch.MATCHER);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not match article " + article.id(), ex);
			}
			result.getErrors()
				.forEach((id, error) -> logger.log(System.Logger.Level.WARNING, "Query '" + id + "' failed", error));
			List<TopicMatch> forArticle = new ArrayList<>();
			for (HighlightsMatch match : result.getMatches()) {
				List<ArticleHit> hits = ArticleHits.of(article, match);
				if (this.relevance.getOrDefault(match.getQueryId(), Relevance.ANY).admits(article, hits)) {
					forArticle.add(toTopicMatch(article, match.getQueryId(), hits));
				}
			}
			forArticle
				.sort(Comparator.comparingDouble(TopicMatch::score).reversed().thenComparing(TopicMatch::queryId));
			matches.addAll(forArticle);
		}
		return matches;
	}

	private static TopicMatch toTopicMatch(MatchableArticle article, String queryId, List<ArticleHit> hits) {
		SnippetBuilder.Snippet snippet = SnippetBuilder.build(article, hits);
		return new TopicMatch(article.id(), queryId, ArticleHits.score(article, hits), snippet.text(),
				snippet.highlights());
	}

	/**
	 * Releases the in-memory query index.
	 * @throws UncheckedIOException if Lucene cannot release it
	 */
	@Override
	public synchronized void close() {
		try {
			this.monitor.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.analyzer.close();
		}
	}

}
