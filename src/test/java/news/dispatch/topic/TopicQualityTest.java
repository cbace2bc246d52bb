package news.dispatch.topic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures matching quality on a labelled set of 110 short articles written for Dispatch
 * ({@code fixtures/quality/articles.txt}): for each topic of
 * {@code fixtures/quality/topics.yml}, the precision (how many matched articles are about
 * the topic) and the recall (how many articles about the topic were matched). The set
 * holds articles about countries and people, passing mentions in other stories, and traps
 * (Paris Hilton, a Thanksgiving turkey, fine china, Kim Kardashian).
 */
class TopicQualityTest {

	static final double PRECISION_FLOOR = 0.90;

	static final double RECALL_FLOOR = 0.85;

	static final double MEAN_FLOOR = 0.95;

	private static final Map<String, Scores> scores = new LinkedHashMap<>();

	@BeforeAll
	static void measure() throws IOException {
		scores.putAll(measure(topics(), articles(), true));
		System.out.println(report(scores));
	}

	/**
	 * Matches every article against every topic and scores the result against the labels.
	 * @param withRelevance whether the topics' {@code in} and {@code min-hits} apply
	 */
	static Map<String, Scores> measure(Map<String, TopicDefinition> topics, List<LabelledArticle> articles,
			boolean withRelevance) {
		Map<String, String> queries = new HashMap<>();
		Map<String, Relevance> relevance = new HashMap<>();
		topics.forEach((name, topic) -> {
			queries.put(name, topic.query());
			relevance.put(name, withRelevance ? topic.relevance() : Relevance.ANY);
		});
		Map<Long, Set<String>> found = new HashMap<>();
		try (TopicMatcher matcher = new TopicMatcher(queries, relevance, (invalid) -> {
			throw invalid;
		})) {
			for (TopicMatch match : matcher.match(articles.stream().map(LabelledArticle::article).toList())) {
				found.computeIfAbsent(match.articleId(), (id) -> new HashSet<>()).add(match.queryId());
			}
		}
		Map<String, Scores> measured = new LinkedHashMap<>();
		for (String topic : topics.keySet()) {
			Scores score = new Scores(topic);
			for (LabelledArticle article : articles) {
				score.count(article.article().id(), article.labels().contains(topic),
						found.getOrDefault(article.article().id(), Set.of()).contains(topic));
			}
			measured.put(topic, score);
		}
		return measured;
	}

	@Test
	void theSetHasAtLeastOneHundredArticlesAndEveryTopicHasSomeOfThem() throws IOException {
		assertThat(articles()).hasSizeGreaterThanOrEqualTo(100);
		assertThat(scores.values()).allSatisfy((score) -> assertThat(score.relevant()).isGreaterThanOrEqualTo(5));
	}

	@Test
	void everyTopicKeepsPrecisionAboveTheFloor() {
		assertThat(scores.values())
			.allSatisfy((score) -> assertThat(score.precision()).as(score.topic() + "\n" + report(scores))
				.isGreaterThanOrEqualTo(PRECISION_FLOOR));
	}

	@Test
	void everyTopicKeepsRecallAboveTheFloor() {
		assertThat(scores.values())
			.allSatisfy((score) -> assertThat(score.recall()).as(score.topic() + "\n" + report(scores))
				.isGreaterThanOrEqualTo(RECALL_FLOOR));
	}

	@Test
	void meanPrecisionAndRecallStayAboveTheFloor() {
		double precision = mean(scores, Scores::precision);
		double recall = mean(scores, Scores::recall);
		assertThat(precision).as(report(scores)).isGreaterThanOrEqualTo(MEAN_FLOOR);
		assertThat(recall).as(report(scores)).isGreaterThanOrEqualTo(MEAN_FLOOR);
	}

	@Test
	void relevanceOptionsKeepPassingMentionsOutThatThePlainQueriesLetIn() throws IOException {
		Map<String, Scores> plain = measure(topics(), articles(), false);
		System.out.println("Without in: and min-hits:\n" + report(plain));

		assertThat(mean(scores, Scores::precision)).isGreaterThan(mean(plain, Scores::precision));
		assertThat(plain.values().stream().mapToInt((score) -> score.falsePositives).sum())
			.isGreaterThan(scores.values().stream().mapToInt((score) -> score.falsePositives).sum());
	}

	@Test
	void theDefaultRuleAboutnessKeepsTheSameFloorsWithoutPerTopicOptions() throws IOException {
		Map<String, TopicDefinition> topics = new LinkedHashMap<>();
		topics().forEach((name, topic) -> topics.put(name, new TopicDefinition(topic.query(), Relevance.ABOUT)));

		Map<String, Scores> about = measure(topics, articles(), true);
		System.out.println("With the default rule (aboutness), no options:\n" + report(about));

		assertThat(mean(about, Scores::precision)).as(report(about)).isGreaterThanOrEqualTo(MEAN_FLOOR);
		assertThat(mean(about, Scores::recall)).as(report(about)).isGreaterThanOrEqualTo(MEAN_FLOOR);
		assertThat(about.values()).allSatisfy(
				(score) -> assertThat(score.precision()).as(score.topic()).isGreaterThanOrEqualTo(PRECISION_FLOOR));
		assertThat(about.values())
			.allSatisfy((score) -> assertThat(score.recall()).as(score.topic()).isGreaterThanOrEqualTo(RECALL_FLOOR));
	}

	static double mean(Map<String, Scores> scores, ToDoubleFunction<Scores> measure) {
		return scores.values().stream().mapToDouble(measure).average().orElse(0);
	}

	static String report(Map<String, Scores> scores) {
		StringBuilder text = new StringBuilder(String.format("%-16s %5s %5s %5s %9s %7s  %s%n", "topic", "about", "tp",
				"fp", "precision", "recall", "wrong (article; -article: missed)"));
		scores.values()
			.forEach((s) -> text.append(String.format("%-16s %5d %5d %5d %9.2f %7.2f  %s%n", s.topic(), s.relevant(),
					s.truePositives, s.falsePositives, s.precision(), s.recall(), s.wrong)));
		return text.toString();
	}

	static Map<String, TopicDefinition> topics() throws IOException {
		try (InputStream in = TopicQualityTest.class.getResourceAsStream("/fixtures/quality/topics.yml")) {
			Map<String, Object> root = new Yaml().load(in);
			Map<String, TopicDefinition> topics = new LinkedHashMap<>();
			for (Object entry : (List<?>) root.get("topics")) {
				Map<?, ?> topic = (Map<?, ?>) entry;
				topics.put((String) topic.get("name"), new TopicDefinition((String) topic.get("query"), Relevance
					.parse(stringOrNull(topic.get("in")), stringOrNull(topic.get("min-hits")), Relevance.ANY)));
			}
			return topics;
		}
	}

	private static String stringOrNull(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Reads blocks of "### NUMBER | LABELS", headline, blank line, paragraphs.
	 */
	static List<LabelledArticle> articles() throws IOException {
		String text;
		try (InputStream in = TopicQualityTest.class.getResourceAsStream("/fixtures/quality/articles.txt")) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<LabelledArticle> articles = new ArrayList<>();
		for (String block : text.split("\n### ")) {
			if (block.startsWith("#")) {
				continue;
			}
			String[] lines = block.strip().split("\n", 2);
			String[] header = lines[0].split("\\|");
			long id = Long.parseLong(header[0].strip());
			Set<String> labels = new HashSet<>();
			for (String label : header[1].split(",")) {
				if (!label.isBlank() && !label.strip().equals("-")) {
					labels.add(label.strip());
				}
			}
			String[] headlineAndBody = lines[1].split("\n", 2);
			articles.add(new LabelledArticle(new MatchableArticle(id, headlineAndBody[0].strip(), headlineAndBody[1]),
					labels));
		}
		return articles;
	}

	record TopicDefinition(String query, Relevance relevance) {
	}

	record LabelledArticle(MatchableArticle article, Set<String> labels) {
	}

	static final class Scores {

		private final String topic;

		int truePositives;

		int falsePositives;

		int falseNegatives;

		Scores(String topic) {
			this.topic = topic;
		}

		final List<Long> wrong = new ArrayList<>();

		void count(long article, boolean about, boolean matched) {
			if (about && matched) {
				this.truePositives++;
			}
			else if (matched) {
				this.falsePositives++;
				this.wrong.add(article);
			}
			else if (about) {
				this.falseNegatives++;
				this.wrong.add(-article);
			}
		}

		String topic() {
			return this.topic;
		}

		@Override
		public String toString() {
			return String.format("%s: precision %.2f, recall %.2f", this.topic, precision(), recall());
		}

		int relevant() {
			return this.truePositives + this.falseNegatives;
		}

		double precision() {
			int matched = this.truePositives + this.falsePositives;
			return (matched == 0) ? 0 : (double) this.truePositives / matched;
		}

		double recall() {
			return (relevant() == 0) ? 0 : (double) this.truePositives / relevant();
		}

	}

}
