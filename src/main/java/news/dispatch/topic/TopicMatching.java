package news.dispatch.topic;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.article.ArticlesIngested;
import news.dispatch.system.DispatchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every recent article's matches current with the topic catalog and subscribers'
 * keyword queries, matched together in one monitor: an article is matched once per
 * revision of the catalog and keywords, so a query added or changed applies from the next
 * run, and a run with nothing new does nothing.
 */
@Service
public class TopicMatching {

	private static final Logger logger = LoggerFactory.getLogger(TopicMatching.class);

	private final Topics topics;

	private final Articles articles;

	private final ArticleMatches matches;

	private final MatchingSettings settings;

	private final TransactionTemplate transaction;

	private final ObjectProvider<KeywordQueries> keywords;

	private final @Nullable Path indexDirectory;

	private @Nullable TopicMatcher matcher;

	private @Nullable String matcherRevision;

	TopicMatching(Topics topics, Articles articles, ArticleMatches matches, MatchingSettings settings,
			DispatchSettings dispatch, TransactionTemplate transaction, ObjectProvider<KeywordQueries> keywords) {
		this.indexDirectory = settings.keepIndex() ? dispatch.dataDir().resolve("query-index") : null;
		this.keywords = keywords;
		this.topics = topics;
		this.articles = articles;
		this.matches = matches;
		this.settings = settings;
		this.transaction = transaction;
	}

	/**
	 * Matches, batch by batch, every article of the window not matched under the current
	 * catalog. The matcher is built only when there is something to match, and kept for
	 * the next run until the catalog or the keywords change: loading many queries is the
	 * expensive part. Runs in one process take turns.
	 * @return how many articles were matched
	 * @throws IllegalStateException naming the story, if a story cannot be matched; the
	 * batches before it are kept
	 */
	public int matchPending() {
		return matchPending((read) -> {
		});
	}

	/**
	 * As {@link #matchPending()}, telling {@code onRead} how many articles each batch
	 * read before matching them, so a step counts them even when it then fails.
	 * @param onRead told the size of each batch read
	 * @return how many articles were matched and stored
	 */
	public synchronized int matchPending(IntConsumer onRead) {
		Catalog catalog = catalog();
		Instant since = Instant.now().minus(Duration.ofDays(this.settings.windowDays()));
		int matched = 0;
		List<Article> batch = this.articles.unmatched(catalog.revision(), since, 0, this.settings.batchSize());
		while (!batch.isEmpty()) {
			onRead.accept(batch.size());
			TopicMatcher matcher = matcherFor(catalog);
			List<Article> current = batch;
			this.transaction.executeWithoutResult((status) -> store(matcher, catalog.revision(), current));
			matched += batch.size();
			batch = this.articles.unmatched(catalog.revision(), since, batch.get(batch.size() - 1).id(),
					this.settings.batchSize());
		}
		return matched;
	}

	private TopicMatcher matcherFor(Catalog catalog) {
		if (this.matcher == null || !catalog.revision().equals(this.matcherRevision)) {
			close();
			long start = System.nanoTime();
			this.matcher = catalog.matcher(this.indexDirectory);
			this.matcherRevision = catalog.revision();
			logger.info("Loaded {} topic and keyword queries in {} ms", this.matcher.size(),
					(System.nanoTime() - start) / 1_000_000);
		}
		return this.matcher;
	}

	/**
	 * Releases the kept matcher.
	 */
	@PreDestroy
	synchronized void close() {
		if (this.matcher != null) {
			this.matcher.close();
			this.matcher = null;
			this.matcherRevision = null;
		}
	}

	@EventListener
	void on(ArticlesIngested ingested) {
		int matched = matchPending();
		logger.debug("Matched {} articles after ingest run {}", matched, ingested.jobExecutionId());
	}

	/**
	 * The current catalog: its revision and a matcher over its queries.
	 */
	Catalog catalog() {
		List<Topic> all = this.topics.findAll();
		KeywordQueries source = this.keywords.getIfAvailable();
		Map<Long, String> keywordQueries = (source != null) ? source.all() : Map.of();
		return new Catalog(Topics.revision(all, keywordQueries, this.settings.defaultRelevance()), all, keywordQueries,
				this.settings.defaultRelevance());
	}

	void store(TopicMatcher matcher, String revision, List<Article> batch) {
		List<Long> ids = batch.stream().map(Article::id).toList();
		Map<Long, Instant> published = new HashMap<>();
		batch.forEach((article) -> published.put(article.id(), article.publishedAt()));
		List<TopicMatch> found = matcher.match(batch.stream()
			.map((article) -> new MatchableArticle(article.id(), article.headline(), article.body(), article.place()))
			.toList());
		this.matches.replace(published, found);
		this.articles.markMatched(ids, revision);
	}

	record Catalog(String revision, List<Topic> topics, Map<Long, String> keywords, Relevance keywordRelevance) {

		/**
		 * A matcher over every topic and keyword query; an invalid stored query (the
		 * language may have grown stricter since it was saved) is left out and logged.
		 * @param indexDirectory where the query index is kept between runs, or
		 * {@code null} to build it in memory
		 */
		TopicMatcher matcher(@Nullable Path indexDirectory) {
			Map<String, String> queries = new HashMap<>();
			Map<String, Relevance> relevance = new HashMap<>();
			for (Topic topic : this.topics) {
				queries.put(QueryIds.topic(topic.id()), topic.query());
				relevance.put(QueryIds.topic(topic.id()), topic.relevance());
			}
			this.keywords.forEach((subscriber, query) -> {
				queries.put(QueryIds.keywords(subscriber), query);
				relevance.put(QueryIds.keywords(subscriber), this.keywordRelevance);
			});
			return new TopicMatcher(queries, relevance,
					(invalid) -> logger.warn("Left out the invalid query {}; fix it", invalid.getMessage()),
					indexDirectory);
		}

	}

}
