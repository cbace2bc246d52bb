package news.dispatch.topic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;

/**
 * The labelled relevance set of {@code bench/relevance}: twelve topics with the queries
 * the labellers wrote, and their "principally about" judgements of BBC stories, each in
 * the tuning or the test half. The stories themselves are read from a copy of the corpus
 * (copyrighted, not in the repository).
 */
record RelevanceJudgements(Map<String, String> queries, List<Judgement> judgements) {

	static final Path DIRECTORY = Path.of("bench/relevance");

	/**
	 * One judgement: whether {@code article} is principally about {@code topic}.
	 */
	record Judgement(String topic, String article, boolean about, String half) {
	}

	static RelevanceJudgements load() {
		try (InputStream in = Files.newInputStream(DIRECTORY.resolve("topics.yml"))) {
			Map<String, Object> root = new Yaml().load(in);
			Map<String, String> queries = new LinkedHashMap<>();
			for (Object entry : (List<?>) root.get("topics")) {
				Map<?, ?> topic = (Map<?, ?>) entry;
				queries.put((String) topic.get("name"), (String) topic.get("query"));
			}
			List<Judgement> judgements = new ArrayList<>();
			for (String line : Files.readAllLines(DIRECTORY.resolve("judgements.tsv"))) {
				String[] columns = line.split("\t");
				if (columns.length == 4 && !columns[0].equals("topic")) {
					judgements.add(new Judgement(columns[0], columns[1], columns[2].equals("yes"), columns[3]));
				}
			}
			return new RelevanceJudgements(queries, judgements);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The judged stories, read from the corpus: headline on the first line, then
	 * paragraphs separated by blank lines. Ids are their order.
	 */
	Map<String, MatchableArticle> articles(Path corpus) {
		Set<String> paths = new LinkedHashSet<>();
		this.judgements.forEach((judgement) -> paths.add(judgement.article()));
		Map<String, MatchableArticle> articles = new LinkedHashMap<>();
		for (String path : paths) {
			try {
				String text = new String(Files.readAllBytes(corpus.resolve(path)), StandardCharsets.UTF_8)
					.replace("\r\n", "\n")
					.strip();
				int firstBreak = text.indexOf('\n');
				articles.put(path, new MatchableArticle(articles.size() + 1, text.substring(0, firstBreak).strip(),
						text.substring(firstBreak).strip()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + path + " in the corpus " + corpus, ex);
			}
		}
		return articles;
	}

	/**
	 * Match every judged story against every topic at the default rule; the trials by
	 * topic and story path.
	 */
	Map<String, Map<String, TopicMatcher.Trial>> trials(Map<String, MatchableArticle> articles, Relevance relevance) {
		Map<Long, String> pathById = new HashMap<>();
		articles.forEach((path, article) -> pathById.put(article.id(), path));
		Map<String, Relevance> relevanceByTopic = new HashMap<>();
		this.queries.keySet().forEach((topic) -> relevanceByTopic.put(topic, relevance));
		Map<String, Map<String, TopicMatcher.Trial>> trials = new HashMap<>();
		try (TopicMatcher matcher = new TopicMatcher(this.queries, relevanceByTopic, (invalid) -> {
			throw invalid;
		})) {
			for (TopicMatcher.Trial trial : matcher.trial(List.copyOf(articles.values()))) {
				trials.computeIfAbsent(trial.match().queryId(), (topic) -> new HashMap<>())
					.put(pathById.get(trial.match().articleId()), trial);
			}
		}
		return trials;
	}

}
