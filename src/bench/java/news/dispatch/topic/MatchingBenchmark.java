package news.dispatch.topic;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.Query;

/**
 * How fast topic and keyword matching is with many queries, against the obvious
 * alternative. Not a test: run it as bench/README.md says
 * ({@code mvn -o -Pbenchmark-matching
 * test-compile}).
 * <p>
 * Loads 10,000 topic queries and 100,000 subscriber keyword queries into one
 * {@link TopicMatcher} (Lucene Monitor) with its index kept on disk, twice: a first run
 * that indexes every query, and a next run after a hundredth of the keywords changed.
 * Then warms up and matches articles of real length one at a time and in batches of 10
 * (the BBC corpus in {@code ../shared/data/bbc} replicated to 10,000 when present,
 * generated text otherwise), and reports articles/s, the time to load the queries and the
 * heap they take. Then runs every query against each article of a sample in a
 * {@link MemoryIndex} (the brute-force alternative) and gives the ratio. Each side stops
 * at a time budget and extrapolates to all articles, so a run stays bounded on a busy
 * machine. System properties: {@code topics}, {@code keywords}, {@code articles},
 * {@code batch} (comma-separated sizes, each given the budget), {@code budgetSeconds},
 * {@code warmUpSeconds}, {@code bruteSample}, {@code bruteBudgetSeconds}, {@code corpus},
 * {@code index} (where to keep the query index), {@code shapes} ({@code readers}, the
 * default: names, places and companies as readers write them; {@code common-pairs}: rare
 * pairs of common words, the shapes of earlier runs), {@code simple} (also time a
 * yes/no-only monitor) and {@code singlePass} (that one with Lucene's default single-pass
 * presearcher) and {@code relevance} ({@code about}: every match also weighed for
 * aboutness, the default rule).
 */
public final class MatchingBenchmark {

	private static final Pattern WORD = Pattern.compile("[a-z]+");

	private MatchingBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int topicCount = Integer.getInteger("topics", 10_000);
		int keywordCount = Integer.getInteger("keywords", 100_000);
		int articleCount = Integer.getInteger("articles", 10_000);
		int bruteSample = Integer.getInteger("bruteSample", 20);
		long budget = Long.getLong("budgetSeconds", 90) * 1_000_000_000L;
		Path corpus = Path.of(System.getProperty("corpus", "../shared/data/bbc"));

		List<MatchableArticle> base = Files.isDirectory(corpus) ? read(corpus) : generate(2_000);
		String source = Files.isDirectory(corpus) ? base.size() + " BBC articles from " + corpus + ", replicated"
				: "generated text (no corpus at " + corpus + ")";
		List<MatchableArticle> articles = new ArrayList<>();
		for (int i = 0; i < articleCount; i++) {
			MatchableArticle from = base.get(i % base.size());
			articles.add(new MatchableArticle(i + 1, from.headline(), from.body()));
		}
		double meanChars = articles.stream()
			.mapToInt((a) -> a.headline().length() + a.body().length())
			.average()
			.orElse(0);
		QueryMaker maker = new QueryMaker(base, new Random(42));
		// "readers": names, places and companies, as readers and editors write them;
		// "common-pairs": the earlier shapes, rare pairs of common words ("said bell")
		boolean commonPairs = "common-pairs".equals(System.getProperty("shapes", "readers"));
		Map<String, String> queries = new HashMap<>();
		for (int i = 0; i < topicCount; i++) {
			queries.put(QueryIds.topic(i), commonPairs ? maker.topic() : maker.editorTopic());
		}
		for (int i = 0; i < keywordCount; i++) {
			queries.put(QueryIds.keywords(i), commonPairs ? maker.keywords() : maker.readerKeywords());
		}
		System.out.printf(Locale.ROOT, "Machine: %d processors, load average %.1f at start%n",
				Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.out.printf(Locale.ROOT, "Articles: %,d (%s), mean %,.0f chars%n", articles.size(), source, meanChars);
		System.out.printf(Locale.ROOT, "Queries: %,d topics + %,d keywords (%s), %,d distinct; e.g. %s | %s | %s%n",
				topicCount, keywordCount, commonPairs ? "common-pairs" : "readers",
				new HashSet<>(queries.values()).size(), queries.get(QueryIds.topic(0)),
				queries.get(QueryIds.keywords(0)), queries.get(QueryIds.keywords(1)));

		Path index = Path.of(System.getProperty("index", "target/benchmark-query-index"));
		deleteRecursively(index);
		long heapBefore = usedHeap();
		long start = System.nanoTime();
		try (TopicMatcher first = open(queries, index)) {
			System.out.printf(Locale.ROOT,
					"Load, first run (every query indexed, kept in %s): %,d queries in %.1f s, %,d texts indexed%n",
					index, first.size(), seconds(start), first.registered());
		}
		// as the next run of the digest job: a hundredth of the readers changed their
		// keywords since
		for (int i = 0; i < keywordCount; i += 100) {
			queries.put(QueryIds.keywords(i), commonPairs ? maker.keywords() : maker.readerKeywords());
		}
		start = System.nanoTime();
		try (TopicMatcher matcher = open(queries, index)) {
			double loadSeconds = seconds(start);
			long heapAfter = usedHeap();
			System.out.printf(Locale.ROOT,
					"Load, next run (kept index, 1%% of keywords changed): %,d queries in %.1f s, %,d texts indexed; heap %,d MB with them (%,d MB more)%n",
					matcher.size(), loadSeconds, matcher.registered(), heapAfter >> 20, (heapAfter - heapBefore) >> 20);
			// warm up (not timed): the first size measured would otherwise pay for the
			// JIT
			long warmUp = Long.getLong("warmUpSeconds", 30) * 1_000_000_000L;
			start = System.nanoTime();
			int at = 0;
			while (System.nanoTime() - start < warmUp) {
				matcher.match(articles.subList(at, at + 1));
				at = (at + 1) % articles.size();
			}
			System.out.printf(Locale.ROOT, "Monitor: warmed up on %,d articles (not timed)%n", at);
			double monitorRate = 0;
			for (String size : System.getProperty("batch", "1,10").split(",")) {
				int batch = Integer.parseInt(size.strip());
				start = System.nanoTime();
				int matched = 0;
				long matches = 0;
				long run = matcher.queriesRun();
				// each batch size starts where the previous one stopped, so none sees a
				// warm cache
				while (matched < articles.size() && System.nanoTime() - start < budget) {
					int from = (at + matched) % articles.size();
					List<MatchableArticle> next = articles.subList(from, Math.min(articles.size(), from + batch));
					matches += matcher.match(next).size();
					matched += next.size();
				}
				at += matched;
				double matchSeconds = seconds(start);
				double rate = matched / matchSeconds;
				monitorRate = Math.max(monitorRate, rate);
				System.out.printf(Locale.ROOT,
						"Monitor: matched %,d articles in batches of %d in %.1f s = %,.1f articles/s; %,d matches (%.1f per article), each with score, snippet and highlights; %,.0f queries run per article%n",
						matched, batch, matchSeconds, rate, matches, (double) matches / matched,
						(double) (matcher.queriesRun() - run) / matched);
				if (matched < articles.size()) {
					System.out.printf(Locale.ROOT,
							"Monitor: stopped at the %d s budget; all %,d articles would take about %,.0f s (extrapolated)%n",
							budget / 1_000_000_000L, articles.size(), articles.size() / rate);
				}
			}

			start = System.nanoTime();
			List<Query> parsed = queries.values().stream().map(QueryLanguage::parse).toList();
			System.out.printf(Locale.ROOT, "Parsing alone: %,d queries in %.1f s%n", parsed.size(), seconds(start));
			if (Boolean.getBoolean("simple")) {
				simpleMonitor(parsed, articles, 1);
			}
			double bruteRate = bruteForce(articles.subList(0, bruteSample), parsed);
			System.out.printf(Locale.ROOT,
					"Brute force: every query against each article (MemoryIndex), on a sample: %.3f articles/s; all %,d would take about %,.0f s (extrapolated)%n",
					bruteRate, articles.size(), articles.size() / bruteRate);
			System.out.printf(Locale.ROOT, "Ratio: the monitor (best batch size) is %.0f times faster%n",
					monitorRate / bruteRate);
		}
	}

	/**
	 * With {@code -Drelevance=about} every query has the default rule, aboutness, worked
	 * out for each match; without, none (as the figures before it).
	 */
	private static TopicMatcher open(Map<String, String> queries, Path index) {
		Map<String, Relevance> relevance = new HashMap<>();
		if ("about".equals(System.getProperty("relevance"))) {
			queries.keySet().forEach((id) -> relevance.put(id, Relevance.ABOUT));
		}
		return new TopicMatcher(queries, relevance, (invalid) -> {
			throw invalid;
		}, index);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	/**
	 * Runs every query against each article in its own memory index: yes/no matches only,
	 * no highlights, which favours this side.
	 */
	static double bruteForce(List<MatchableArticle> sample, List<Query> queries) {
		long budget = Long.getLong("bruteBudgetSeconds", 60) * 1_000_000_000L;
		long start = System.nanoTime();
		long matches = 0;
		int done = 0;
		try (Analyzer analyzer = QueryLanguage.analyzer()) {
			for (MatchableArticle article : sample) {
				if (done > 0 && System.nanoTime() - start > budget) {
					break;
				}
				done++;
				MemoryIndex index = new MemoryIndex();
				index.addField(QueryLanguage.HEADLINE, article.headline(), analyzer);
				index.addField(QueryLanguage.BODY, article.body(), analyzer);
				for (Query query : queries) {
					if (index.search(query) > 0) {
						matches++;
					}
				}
			}
		}
		double seconds = seconds(start);
		System.out.printf(Locale.ROOT, "Brute force: %,d matches in %d articles (%.1f per article) in %.1f s%n",
				matches, done, (double) matches / done, seconds);
		return done / seconds;
	}

	static void simpleMonitor(List<Query> parsed, List<MatchableArticle> articles, int batch) throws IOException {
		Presearcher presearcher = Boolean.getBoolean("singlePass") ? new TermFilteredPresearcher()
				: QueryMonitors.presearcher();
		try (Analyzer analyzer = QueryLanguage.analyzer(); Monitor monitor = new Monitor(analyzer, presearcher)) {
			long start = System.nanoTime();
			List<MonitorQuery> queries = new ArrayList<>();
			for (int i = 0; i < parsed.size(); i++) {
				queries.add(new MonitorQuery(Integer.toString(i), parsed.get(i)));
			}
			monitor.register(queries);
			System.out.printf(Locale.ROOT, "Monitor, yes/no only: registered in %.1f s%n", seconds(start));
			start = System.nanoTime();
			long matches = 0;
			long run = 0;
			for (int from = 0; from < articles.size(); from += batch) {
				Document[] docs = articles.subList(from, Math.min(articles.size(), from + batch))
					.stream()
					.map((article) -> ArticleDocuments.of(new ArticleText(article)))
					.toArray(Document[]::new);
				MultiMatchingQueries<QueryMatch> result = monitor.match(docs, QueryMatch.SIMPLE_MATCHER);
				run += result.getQueriesRun();
				for (int d = 0; d < docs.length; d++) {
					matches += result.getMatchCount(d);
				}
			}
			System.out.printf(Locale.ROOT, "Monitor, yes/no only: %,d matches, %.0f articles/s, %,d queries run%n",
					matches, articles.size() / seconds(start), run);
		}
	}

	static List<MatchableArticle> read(Path corpus) throws IOException {
		List<MatchableArticle> articles = new ArrayList<>();
		try (Stream<Path> files = Files.walk(corpus)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".txt")).sorted().toList()) {
				String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
				String[] parts = text.split("\\n", 2);
				if (parts.length == 2) {
					articles.add(new MatchableArticle(articles.size() + 1, parts[0].strip(), parts[1].strip()));
				}
			}
		}
		return articles;
	}

	/**
	 * Articles of BBC length (about 2,200 chars) from a Zipf-like vocabulary.
	 */
	static List<MatchableArticle> generate(int count) {
		Random random = new Random(7);
		String[] vocabulary = new String[20_000];
		for (int i = 0; i < vocabulary.length; i++) {
			StringBuilder word = new StringBuilder();
			int length = 4 + random.nextInt(6);
			for (int c = 0; c < length; c++) {
				word.append((char) ('a' + random.nextInt(26)));
			}
			vocabulary[i] = word.toString();
		}
		List<MatchableArticle> articles = new ArrayList<>();
		for (int a = 0; a < count; a++) {
			StringBuilder body = new StringBuilder();
			for (int w = 0; w < 380; w++) {
				int rank = (int) Math.min(vocabulary.length - 1,
						Math.floor(Math.pow(vocabulary.length, random.nextDouble())));
				body.append(vocabulary[rank]).append((w % 40 == 39) ? ".\n\n" : (w % 12 == 11) ? ". " : " ");
			}
			articles.add(new MatchableArticle(a + 1,
					vocabulary[random.nextInt(2000)] + " " + vocabulary[random.nextInt(2000)], body.toString()));
		}
		return articles;
	}

	static long usedHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * Makes selective queries from the corpus' own words and word pairs, so that they
	 * match as real topics and keywords do: now and then, not everywhere. Topics use
	 * words found in 0.1–2% of the articles; keywords words and pairs found in one or two
	 * of the base articles.
	 */
	static final class QueryMaker {

		/** A run of one to three capitalised words: a name, a place, a company. */
		private static final Pattern NAME = Pattern
			.compile("(?<!^)(?<!\\n)(?<![.!?\"]\\s)\\b[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,}){0,2}\\b");

		private final Random random;

		/** Names found in 2 to 4.5% of the articles, most widespread first. */
		private final List<String> names;

		/** Names found in 2 to 0.5% of the articles: what a reader follows alone. */
		private final List<String> narrowNames;

		private final List<String> words;

		private final List<String> pairs;

		private final List<String> rareWords;

		private final List<String> rarePairs;

		QueryMaker(List<MatchableArticle> base, Random random) {
			this.random = random;
			Map<String, Integer> wordDocs = new HashMap<>();
			Map<String, Integer> pairDocs = new HashMap<>();
			Map<String, Integer> nameDocs = new HashMap<>();
			Map<String, Integer> lowerDocs = new HashMap<>();
			for (MatchableArticle article : base) {
				Set<String> seenWords = new HashSet<>();
				Set<String> seenPairs = new HashSet<>();
				Matcher matcher = WORD.matcher((article.headline() + " " + article.body()).toLowerCase(Locale.ROOT));
				String previous = null;
				while (matcher.find()) {
					String word = matcher.group();
					if (word.length() >= 4) {
						seenWords.add(word);
						if (previous != null) {
							seenPairs.add(previous + " " + word);
						}
					}
					previous = (word.length() >= 4) ? word : null;
				}
				seenWords.forEach((w) -> wordDocs.merge(w, 1, Integer::sum));
				seenPairs.forEach((p) -> pairDocs.merge(p, 1, Integer::sum));
				Set<String> seenLower = new HashSet<>();
				Matcher lower = WORD.matcher(article.body().toLowerCase(Locale.ROOT));
				while (lower.find()) {
					seenLower.add(lower.group());
				}
				seenLower.forEach((w) -> lowerDocs.merge(w, 1, Integer::sum));
				Set<String> seenNames = new HashSet<>();
				Matcher name = NAME.matcher(article.body());
				while (name.find()) {
					seenNames.add(name.group().toLowerCase(Locale.ROOT));
				}
				seenNames.forEach((n) -> nameDocs.merge(n, 1, Integer::sum));
			}
			int n = base.size();
			this.words = selective(wordDocs, Math.max(2, n / 1000), Math.max(3, n / 50));
			this.pairs = selective(pairDocs, Math.max(2, n / 1000), Math.max(3, n / 100));
			// a reader's own keywords are narrower than a topic: a few stories a month
			this.rareWords = selective(wordDocs, 1, Math.max(2, n / 1000));
			this.rarePairs = selective(pairDocs, 1, Math.max(2, n / 1000));
			// a name in more than a few percent of the articles is a word of the newsroom
			// ("Mr", "BBC"), not something a reader follows
			int most = Math.max(2, n * 45 / 1000);
			this.names = nameDocs.entrySet()
				.stream()
				.filter((e) -> e.getValue() >= 2 && e.getValue() <= most)
				// "Who", "Will": a capitalised common word
				.filter((e) -> lowerDocs.getOrDefault(e.getKey(), 0) <= most)
				.sorted(Map.Entry.<String, Integer>comparingByValue()
					.reversed()
					.thenComparing(Map.Entry.comparingByKey()))
				.map(Map.Entry::getKey)
				.toList();
			int narrow = Math.max(2, n / 200);
			this.narrowNames = this.names.stream()
				.filter((name) -> nameDocs.get(name) <= narrow && lowerDocs.getOrDefault(name, 0) <= narrow)
				.toList();
		}

		/**
		 * A reader's own keywords as readers write them: a name, a place or a company
		 * (quoted when it has several words), two of them, one with a word of its
		 * subject, or a name with a prefix. The names are narrow (in 2 to 11 of the 2,225
		 * articles), each as likely as another: the long tail readers follow beyond the
		 * catalog's topics. There are fewer such names than readers, so many readers
		 * share a keyword, as they do.
		 */
		String readerKeywords() {
			return switch (this.random.nextInt(10)) {
				case 0, 1, 2, 3, 4 -> quoted(narrowName());
				case 5, 6 -> quoted(narrowName()) + " OR " + quoted(narrowName());
				case 7 -> quoted(narrowName()) + " " + word();
				case 8 -> quoted(narrowName()) + " OR " + stem() + "*";
				default -> "(" + quoted(narrowName()) + " OR " + quoted(narrowName()) + ") -" + word();
			};
		}

		/**
		 * A topic as editors write them (README): alternatives naming one subject, now
		 * and then narrowed by another word, an exclusion or the headline.
		 */
		String editorTopic() {
			return switch (this.random.nextInt(6)) {
				case 0, 1 -> quoted(name()) + " OR " + quoted(name()) + " OR " + word();
				case 2 -> "(" + quoted(name()) + " OR " + word() + ") " + word();
				case 3 -> "headline:" + word() + " OR " + quoted(name());
				case 4 -> "(" + word() + " OR " + word() + " OR " + stem() + "*) -" + word();
				default -> "(" + quoted(name()) + " -" + word() + ") OR " + quoted(pair());
			};
		}

		private String name() {
			return this.names.get(this.random.nextInt(this.names.size()));
		}

		/**
		 * A word of seven letters or more without its last two, as readers write a prefix
		 * ({@code turbine*} for turbines, turbine): the first five or six letters of a
		 * word ({@code intern*}) match a third of the articles.
		 */
		private String stem() {
			String word = longWord();
			return word.substring(0, word.length() - 2);
		}

		private String narrowName() {
			return this.narrowNames.get(this.random.nextInt(this.narrowNames.size()));
		}

		private static String quoted(String name) {
			return name.contains(" ") ? "\"" + name + "\"" : name;
		}

		private static List<String> selective(Map<String, Integer> docs, int min, int max) {
			return docs.entrySet()
				.stream()
				.filter((e) -> e.getValue() >= min && e.getValue() <= max)
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
		}

		String topic() {
			return switch (this.random.nextInt(5)) {
				case 0 -> "\"" + pair() + "\" OR " + word();
				case 1 -> "(" + word() + " OR " + word() + ") " + word();
				case 2 -> "headline:" + word() + " OR \"" + pair() + "\"";
				case 3 ->
					Boolean.getBoolean("noPrefix") ? word() + " " + word() : longWord().substring(0, 5) + "* " + word();
				default -> "(" + word() + " OR " + word() + " OR " + word() + ") -" + word();
			};
		}

		String keywords() {
			return switch (this.random.nextInt(10)) {
				case 0, 1, 2, 3, 4 -> "\"" + pick(this.rarePairs) + "\"";
				case 5, 6 -> pick(this.rareWords) + " " + word();
				case 7 -> "\"" + pick(this.rarePairs) + "\" OR " + pick(this.rareWords);
				default -> pick(this.rareWords);
			};
		}

		private String pick(List<String> from) {
			return from.get(this.random.nextInt(from.size()));
		}

		private String word() {
			return this.words.get(this.random.nextInt(this.words.size()));
		}

		private String longWord() {
			String word = word();
			while (word.length() < 7) {
				word = word();
			}
			return word;
		}

		private String pair() {
			return this.pairs.get(this.random.nextInt(this.pairs.size()));
		}

	}

}
