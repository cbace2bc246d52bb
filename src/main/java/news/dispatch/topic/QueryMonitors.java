package news.dispatch.topic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MonitorQuerySerializer;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.LockObtainFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Opens the Lucene {@link Monitor} that holds the queries, in memory or kept on disk.
 * <p>
 * A monitor's query ids are the query texts themselves: topics and subscribers who wrote
 * the same query share one entry, which is run once per article.
 * <p>
 * Kept on disk, the index survives the process: the next run opens it, reads the queries
 * back (parsing them, which is quick) and registers only the texts added since and
 * deletes those gone, instead of indexing every query again. The directory's name carries
 * {@link #FORMAT}, so an index written by an older query language or presearcher is never
 * read. An index that cannot be read is rebuilt; one another process holds open is left
 * to it and this process builds its own in memory.
 */
final class QueryMonitors {

	/**
	 * Version of what the index holds: raise it whenever the analyzer, the query language
	 * or the presearcher changes what is indexed for a query, or the names under which
	 * the monitor indexes a query's alternatives. {@code v1} named them in an order that
	 * differed between processes ({@link OrderedQueryDecomposer}) and is never read;
	 * {@code v2} read "US" in a query as the pronoun.
	 */
	static final String FORMAT = "v3";

	/**
	 * Queries indexed per commit: fewer keep less of the presearcher's work in memory.
	 */
	private static final int REGISTER_BATCH = 500;

	private static final System.Logger logger = System.getLogger(QueryMonitors.class.getName());

	private QueryMonitors() {
	}

	/**
	 * Selects the queries worth running for an article. Two passes: a query is a
	 * candidate only when the article has both the term its first pass indexed and the
	 * one its second pass did, so a phrase of two common words ("prime minister") is not
	 * run against every article holding one of them. Prefix queries are indexed by their
	 * prefix ({@link PrefixTerms}) instead of being run against every article.
	 */
	static Presearcher presearcher() {
		return new MultipassTermFilteredPresearcher(2, 0, TermFilteredPresearcher.DEFAULT_WEIGHTOR,
				List.of(new PrefixTerms()), Set.of());
	}

	/**
	 * Open a monitor holding exactly the given query texts.
	 * @param texts the queries, as written (each is its monitor id)
	 * @param parser parses a text the monitor does not hold yet; returns {@code null} for
	 * an invalid one, which is left out (it may also throw, which closes the monitor)
	 * @param directory where to keep the index between runs, or {@code null} to keep it
	 * in memory only
	 */
	static Opened open(Analyzer analyzer, Collection<String> texts, Function<String, @Nullable Query> parser,
			@Nullable Path directory) throws IOException {
		if (directory == null) {
			return synced(new Monitor(analyzer, presearcher(), config()), texts, parser, Set.of());
		}
		Path index = directory.resolve(FORMAT);
		Set<String> refused = ConcurrentHashMap.newKeySet();
		Monitor monitor;
		try {
			Files.createDirectories(index);
			MonitorQuerySerializer serializer = MonitorQuerySerializer.fromParser((text) -> parseStored(text, refused));
			monitor = new Monitor(analyzer, presearcher(), config().setIndexPath(index, serializer));
		}
		catch (LockObtainFailedException ex) {
			logger.log(System.Logger.Level.INFO, "The query index " + index
					+ " is in use by another process; this one indexes its queries in memory");
			return open(analyzer, texts, parser, null);
		}
		catch (IOException | RuntimeException ex) {
			// the monitor does not release the index when it fails to open it: leave it
			// to the next process to build again
			logger.log(System.Logger.Level.WARNING,
					"Could not read the query index " + index + "; it is deleted and built again by the next run", ex);
			delete(index);
			return open(analyzer, texts, parser, null);
		}
		return synced(monitor, texts, parser, refused);
	}

	/**
	 * Reads a stored query back when the monitor opens: the texts it holds are parsed
	 * there, once. One the language now refuses is noted, to be deleted and reported.
	 */
	private static Query parseStored(String text, Set<String> refused) {
		try {
			return QueryLanguage.parse(text);
		}
		catch (InvalidQueryException ex) {
			refused.add(text);
			return new MatchNoDocsQuery("no longer a valid query");
		}
	}

	private static MonitorConfiguration config() {
		return new MonitorConfiguration().setQueryUpdateBufferSize(REGISTER_BATCH)
			.setQueryDecomposer(new OrderedQueryDecomposer());
	}

	/**
	 * Make the monitor hold exactly {@code texts}: delete what it has that is not among
	 * them (or no longer parses), parse and register what it lacks. Closes the monitor if
	 * that fails.
	 */
	private static Opened synced(Monitor monitor, Collection<String> texts, Function<String, @Nullable Query> parser,
			Set<String> refused) throws IOException {
		try {
			Set<String> wanted = new HashSet<>(texts);
			Set<String> stored = new HashSet<>(monitor.getQueryIds());
			List<String> gone = stored.stream().filter((id) -> !wanted.contains(id) || refused.contains(id)).toList();
			if (!gone.isEmpty()) {
				monitor.deleteById(gone);
				gone.forEach(stored::remove);
			}
			List<MonitorQuery> added = new ArrayList<>();
			for (String text : texts) {
				if (!stored.contains(text)) {
					Query query = parser.apply(text);
					if (query != null) {
						added.add(new MonitorQuery(text, query, text, Map.of()));
					}
				}
			}
			register(monitor, added);
			return new Opened(monitor, added.size());
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(monitor, ex);
			throw ex;
		}
	}

	/**
	 * A monitor ready to match, and how many queries had to be indexed for it (all of
	 * them in memory; on disk, those not there from an earlier run).
	 */
	record Opened(Monitor monitor, int registered) {
	}

	private static void register(Monitor monitor, Collection<MonitorQuery> queries) throws IOException {
		if (!queries.isEmpty()) {
			monitor.register(queries);
		}
	}

	private static void closeQuietly(Monitor monitor, Exception failure) {
		try {
			monitor.close();
		}
		catch (IOException closeFailure) {
			failure.addSuppressed(closeFailure);
		}
	}

	private static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Could not delete the query index " + directory, ex);
		}
	}

}
