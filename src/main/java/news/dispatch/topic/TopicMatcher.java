package news.dispatch.topic;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

/**
 * Matches articles against a fixed set of topic and keyword queries, using a Lucene
 * {@link Monitor}.
 * <p>
 * Every query is parsed with {@link QueryLanguage} when the matcher is created. Queries
 * with the same text are registered once and run once per article; each of their owners
 * then applies its own {@link Relevance}. Each call to {@link #match(List)} returns every
 * (article, query) pair that matches, with a {@link TopicMatch#score() score}, a
 * {@link TopicMatch#snippet() snippet} and its {@link TopicMatch#highlights()
 * highlights}.
 * <p>
 * Thread-safety: instances are safe to share, but {@link #match(List)} and
 * {@link #close()} are serialized on the instance; the intended use is one matcher per
 * job run. Close the matcher when done.
 */
public final class TopicMatcher implements Closeable {

	private final Analyzer analyzer = QueryLanguage.analyzer();

	private final Monitor monitor;

	private final int size;

	private final int registered;

	/** The owners of each registered query text, with what each demands of a match. */
	private final Map<String, List<Owner>> owners = new HashMap<>();

	/**
	 * The shape of each query text that aboutness was asked of, parsed when first asked.
	 */
	private final Map<String, QueryShape> shapes = new HashMap<>();

	private long queriesRun;

	/**
	 * Create a matcher for the given queries, with no relevance demands, in memory.
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
	 * Create a matcher for the given queries, in memory.
	 * @param queriesById queries in the {@link QueryLanguage}, keyed by query id
	 * @param relevance what a match of a query must also satisfy, by query id; a query
	 * not in it has {@link Relevance#ANY}
	 * @param onInvalid told of each invalid query, which is left out; it may throw to
	 * refuse the whole set
	 * @throws UncheckedIOException if the monitor cannot be set up
	 */
	public TopicMatcher(Map<String, String> queriesById, Map<String, Relevance> relevance,
			Consumer<InvalidQueryException> onInvalid) {
		this(queriesById, relevance, onInvalid, null);
	}

	/**
	 * Create a matcher for the given queries.
	 * @param queriesById queries in the {@link QueryLanguage}, keyed by query id
	 * @param relevance what a match of a query must also satisfy, by query id; a query
	 * not in it has {@link Relevance#ANY}
	 * @param onInvalid told of each invalid query, which is left out; it may throw to
	 * refuse the whole set
	 * @param indexDirectory where to keep the query index between runs (see
	 * {@link QueryMonitors}), or {@code null} to build it in memory
	 * @throws UncheckedIOException if the monitor cannot be set up
	 */
	public TopicMatcher(Map<String, String> queriesById, Map<String, Relevance> relevance,
			Consumer<InvalidQueryException> onInvalid, @Nullable Path indexDirectory) {
		Objects.requireNonNull(queriesById, "queriesById must not be null");
		Map<String, List<Owner>> byText = new TreeMap<>();
		new TreeMap<>(queriesById).forEach((id, query) -> {
			Objects.requireNonNull(id, "query id must not be null");
			Objects.requireNonNull(query, "query must not be null");
			byText.computeIfAbsent(query, (text) -> new ArrayList<>())
				.add(new Owner(id, relevance.getOrDefault(id, Relevance.ANY)));
		});
		this.owners.putAll(byText);
		try {
			QueryMonitors.Opened opened = QueryMonitors.open(this.analyzer, byText.keySet(),
					(text) -> parse(text, onInvalid), indexDirectory);
			this.monitor = opened.monitor();
			this.registered = opened.registered();
		}
		catch (IOException ex) {
			this.analyzer.close();
			throw new UncheckedIOException("Could not set up the topic monitor", ex);
		}
		this.size = this.owners.values().stream().mapToInt(List::size).sum();
	}

	/**
	 * Parse a query text the monitor does not hold yet; if it is invalid, tell
	 * {@code onInvalid} once for each of its owners and leave it out.
	 */
	private @Nullable Query parse(String text, Consumer<InvalidQueryException> onInvalid) {
		try {
			return QueryLanguage.parse(text);
		}
		catch (InvalidQueryException ex) {
			for (Owner owner : this.owners.remove(text)) {
				onInvalid.accept(ex.forQuery(owner.queryId()));
			}
			return null;
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
	 * How many distinct query texts were indexed to create this matcher: all of them in
	 * memory, only those the kept index lacked on disk.
	 */
	int registered() {
		return this.registered;
	}

	/**
	 * How many queries the monitor has run so far, over all articles: those its
	 * presearcher picked as possible matches.
	 */
	synchronized long queriesRun() {
		return this.queriesRun;
	}

	/**
	 * Match a batch of articles against all queries.
	 * @param articles the articles to match
	 * @return one {@link TopicMatch} per matching (article, query) pair, in article
	 * order, then by descending score, then by query id
	 * @throws UncheckedIOException if matching fails
	 * @throws IllegalStateException if a query fails on an article, naming both
	 */
	public synchronized List<TopicMatch> match(List<MatchableArticle> articles) {
		List<TopicMatch> matches = new ArrayList<>();
		run(articles, false, (trial) -> matches.add(trial.match()));
		return matches;
	}

	/**
	 * Match a batch of articles against all queries and tell, for every (article, query)
	 * pair the query matches, whether its relevance admits it and why: what
	 * {@code topics test} shows and {@code topics tune} fits to.
	 * @param articles the articles to match
	 * @return one {@link Trial} per (article, owner of a matching query), admitted or
	 * not, in the order of {@link #match(List)}
	 * @throws UncheckedIOException if matching fails
	 */
	synchronized List<Trial> trial(List<MatchableArticle> articles) {
		List<Trial> trials = new ArrayList<>();
		run(articles, true, trials::add);
		return trials;
	}

	private void run(List<MatchableArticle> articles, boolean withRefused, Consumer<Trial> into) {
		if (articles.isEmpty() || this.size == 0) {
			return;
		}
		for (MatchableArticle article : articles) {
			// One article at a time: the presearcher then picks only the queries that can
			// match this article. With a batch it picks those that can match any of them,
			// which with 100,000 queries made matching 100 at a time eight times slower
			// (MatchingBenchmark).
			MatchingQueries<HighlightsMatch> result;
			ArticleText text = new ArticleText(article);
			try {
				result = this.monitor.match(ArticleDocuments.of(text), HighlightsMatch.MATCHER);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not match article " + article.id(), ex);
			}
			this.queriesRun += result.getQueriesRun();
			if (!result.getErrors().isEmpty()) {
				// a story whose matches are incomplete must not be stored as matched
				Map.Entry<String, Exception> error = result.getErrors().entrySet().iterator().next();
				throw new IllegalStateException("Could not match story " + article.id() + " \"" + article.headline()
						+ "\": the query '" + error.getKey() + "' failed (" + error.getValue().getMessage()
						+ "); change or remove that query and run again", error.getValue());
			}
			List<Trial> forArticle = new ArrayList<>();
			for (HighlightsMatch match : result.getMatches()) {
				addMatches(text, match, withRefused, forArticle);
			}
			forArticle.sort(Comparator.comparingDouble((Trial trial) -> trial.match().score())
				.reversed()
				.thenComparing((trial) -> trial.match().queryId()));
			forArticle.forEach(into);
		}
	}

	/**
	 * One trial per owner of the matched query whose relevance admits it (or every owner,
	 * {@code withRefused}); the hits, score, aboutness and passage are worked out once
	 * for them all, and only when needed.
	 */
	private void addMatches(ArticleText article, HighlightsMatch match, boolean withRefused, List<Trial> into) {
		List<ArticleHit> hits = ArticleHits.of(article, match);
		Aboutness.Weighing about = new Aboutness.Weighing(article, hits, () -> shape(match.getQueryId()));
		TopicMatch first = null;
		for (Owner owner : this.owners.getOrDefault(match.getQueryId(), List.of())) {
			boolean admitted = owner.relevance().admits(article, hits, about);
			if (admitted || withRefused) {
				if (first == null) {
					SnippetBuilder.Snippet snippet = SnippetBuilder.build(article, hits);
					first = new TopicMatch(article.article().id(), owner.queryId(), ArticleHits.score(article, hits),
							snippet.text(), snippet.highlights());
				}
				TopicMatch topicMatch = new TopicMatch(first.articleId(), owner.queryId(), first.score(),
						first.snippet(), first.highlights());
				into.add(withRefused
						? new Trial(topicMatch, admitted, about.exact(), owner.relevance().reason(article, hits, about))
						: new Trial(topicMatch, true, null, null));
			}
		}
	}

	private QueryShape shape(String text) {
		return this.shapes.computeIfAbsent(text, (query) -> {
			try {
				return QueryShape.of(QueryLanguage.parse(query));
			}
			catch (InvalidQueryException ex) {
				return QueryShape.anyHit();
			}
		});
	}

	/**
	 * Releases the query index.
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

	/**
	 * A topic or subscriber whose query a registered text is.
	 */
	private record Owner(String queryId, Relevance relevance) {
	}

	/**
	 * A query's match of an article, and whether the query's relevance admits it.
	 *
	 * @param match the match, with its score and passage
	 * @param admitted whether the relevance admits it (a match is one only then)
	 * @param aboutness how much the article is about the query's topic; {@code null} from
	 * {@link #match(List)}
	 * @param reason why it is in or out, in a few words; {@code null} likewise
	 */
	record Trial(TopicMatch match, boolean admitted, @Nullable Aboutness aboutness, @Nullable String reason) {
	}

}
