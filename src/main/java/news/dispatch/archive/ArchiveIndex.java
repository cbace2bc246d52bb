package news.dispatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.QueryLanguage;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The search index of the archive: every stored story's headline and body (its place
 * first, as matching sees it), analysed as the topic language analyses them, in a Lucene
 * index under {@code DATA_DIR/archive-index}.
 * <p>
 * Ingest never waits for it: a thread of its own reads the stories stored since the last
 * time (by id, from the database) every {@code dispatch.archive.index-refresh}, adds them
 * and commits, and a {@link SearcherManager} then opens the new state for the next
 * searches; searches in flight keep the state they started with. A story is searchable at
 * most about one refresh after it was stored. The index can be deleted at any time; it is
 * rebuilt from the database on the next start.
 */
@Component
@ConditionalOnWebApplication
class ArchiveIndex {

	private static final Logger log = LoggerFactory.getLogger(ArchiveIndex.class);

	private static final String ID = "article";

	private static final String PUBLISHED = "published";

	private static final String LAST = "last-article";

	private static final int BATCH = 500;

	private static final long TIMEOUT_MILLIS = 2000;

	private static final Sort NEWEST_FIRST = new Sort(new SortField(PUBLISHED, SortField.Type.LONG, true),
			new SortField(ID, SortField.Type.LONG, true));

	private final Articles articles;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final ScheduledExecutorService refresher;

	private volatile long lastIndexed;

	private final ArchiveStories stories;

	private final ArchiveTopics topics;

	/** The stories of the archive's topics, by article id, as of the last refresh. */
	private volatile java.util.BitSet onArchive = new java.util.BitSet();

	ArchiveIndex(Articles articles, ArchiveStories stories, ArchiveTopics topics, DispatchSettings dispatch,
			ArchiveSettings settings) throws IOException {
		this.articles = articles;
		this.stories = stories;
		this.topics = topics;
		this.directory = open(dispatch.dataDir().resolve("archive-index"));
		IndexWriterConfig config = new IndexWriterConfig(QueryLanguage.analyzer());
		config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
		this.writer = new IndexWriter(this.directory, config);
		Map<String, String> committed = new java.util.HashMap<>();
		this.writer.getLiveCommitData().forEach((entry) -> committed.put(entry.getKey(), entry.getValue()));
		this.lastIndexed = Long.parseLong(committed.getOrDefault(LAST, "0"));
		this.searchers = new SearcherManager(this.writer, null);
		this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "archive-index");
			thread.setDaemon(true);
			return thread;
		});
		this.refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, settings.indexRefresh().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private static Directory open(Path folder) throws IOException {
		try {
			Directory directory = FSDirectory.open(folder);
			directory.obtainLock(IndexWriter.WRITE_LOCK_NAME).close();
			return directory;
		}
		catch (LockObtainFailedException ex) {
			// another serve on the same data directory keeps its index there: this one
			// keeps its own in memory
			log.warn("The archive's search index {} is in use by another process; this one keeps an index in memory",
					folder);
			return new ByteBuffersDirectory();
		}
	}

	/**
	 * The first stories that match the query, newest first, those not in an archived
	 * topic left out.
	 *
	 * @param total how many stories match in all, in an archived topic or not
	 * @param ids the article ids of the first of them, at most the limit asked for
	 * @param timedOut whether the search was cut short, so it may miss stories
	 */
	record Hits(long total, List<Long> ids, boolean timedOut) {
	}

	Hits search(Query query, int limit) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				searcher.setTimeout(new QueryTimeoutImpl(TIMEOUT_MILLIS));
				// every hit counted, so the page can say how many there are
				TopFieldDocs top = searcher.search(query,
						TopFieldCollector.createSharedManager(NEWEST_FIRST, limit, null, Integer.MAX_VALUE));
				java.util.BitSet shown = this.onArchive;
				List<Long> ids = new ArrayList<>();
				for (ScoreDoc doc : top.scoreDocs) {
					// the sort's second value is the article id
					long id = (Long) ((FieldDoc) doc).fields[1];
					if (id <= Integer.MAX_VALUE && shown.get((int) id)) {
						ids.add(id);
					}
				}
				return new Hits(top.totalHits.value, ids, searcher.timedOut());
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Takes in the stories stored since the last refresh, and opens the new state for the
	 * searches that follow. Runs on the index's own thread (and in tests).
	 */
	synchronized void refresh() throws IOException {
		boolean added = false;
		if (this.lastIndexed > 0 && this.articles.find(this.lastIndexed).isEmpty()) {
			// the last story indexed is gone (a database restored or emptied): start over
			this.writer.deleteAll();
			this.lastIndexed = 0;
			added = true;
		}
		while (true) {
			List<Article> batch = this.articles.publishedSince(Instant.EPOCH, this.lastIndexed, BATCH);
			if (batch.isEmpty()) {
				break;
			}
			for (Article article : batch) {
				this.writer.addDocument(document(article));
			}
			this.lastIndexed = batch.get(batch.size() - 1).id();
			this.writer.setLiveCommitData(Map.of(LAST, Long.toString(this.lastIndexed)).entrySet());
			this.writer.commit();
			added = true;
		}
		if (added && this.lastIndexed == 0) {
			this.writer.commit();
		}
		if (added) {
			this.searchers.maybeRefresh();
		}
		this.onArchive = this.stories.onArchive(this.topics.all().stream().map(ArchiveTopic::id).toList());
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (Exception ex) {
			log.warn("The archive's search index could not take in new stories; it tries again at the next refresh",
					ex);
		}
	}

	private static Document document(Article article) {
		Document document = new Document();
		document.add(new NumericDocValuesField(ID, article.id()));
		document.add(new LongPoint(ID, article.id()));
		document.add(new NumericDocValuesField(PUBLISHED, article.publishedAt().toEpochMilli()));
		document.add(new TextField(QueryLanguage.HEADLINE, article.headline(), Field.Store.NO));
		if (article.place() != null) {
			document.add(new TextField(QueryLanguage.BODY, article.place(), Field.Store.NO));
		}
		document.add(new TextField(QueryLanguage.BODY, article.body(), Field.Store.NO));
		return document;
	}

	@PreDestroy
	void close() throws IOException {
		this.refresher.shutdownNow();
		synchronized (this) {
			this.searchers.close();
			this.writer.close();
			this.directory.close();
		}
	}

}
