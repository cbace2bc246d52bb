package news.dispatch.topic;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a rule on the labelled relevance set ({@link RelevanceJudgements}): precision,
 * recall and F1 per topic on one half, and their macro mean. Not a test: run it as
 * {@code bench/relevance/README.md} says; {@code -Dfeatures=true} prints each judged
 * story's aboutness instead (what the default rule's constants were chosen on, tuning
 * half only). {@code -Dhalf=tune} prints the tuning half alone, so that whoever tunes the
 * rule does not see the test half.
 */
public final class RelevanceReport {

	private RelevanceReport() {
	}

	public static void main(String[] args) {
		Path corpus = Path.of(System.getProperty("relevance.corpus", "../shared/data/bbc"));
		RelevanceJudgements set = RelevanceJudgements.load();
		Map<String, MatchableArticle> articles = set.articles(corpus);
		if (Boolean.getBoolean("wire")) {
			// -Dwire=true: the stories as wire copy read back by ingest (WireVersion);
			// -Dwire.paragraphs=N keeps only their first N paragraphs
			int keep = Integer.getInteger("wire.paragraphs", 0);
			articles.replaceAll((path, story) -> WireVersion.of(path, story, keep));
		}
		List<String> halves = halves(System.getProperty("half", ""));
		if (Boolean.getBoolean("features")) {
			printFeatures(set, set.trials(articles, Relevance.ABOUT), halves);
			return;
		}
		for (String half : halves) {
			for (Relevance rule : List.of(new Relevance(Relevance.Region.LEAD, 2), Relevance.ABOUT)) {
				Map<String, Scores> scores = scores(set, set.trials(articles, rule), half);
				System.out.printf(Locale.ROOT, "%n%s half, rule %s%n%s", half, rule, table(scores));
			}
		}
	}

	/**
	 * The halves to print: both when none is named, else the one named.
	 */
	static List<String> halves(String named) {
		if (named.isEmpty()) {
			return List.of("tune", "test");
		}
		if (!named.equals("tune") && !named.equals("test")) {
			throw new IllegalArgumentException(
					"-Dhalf=" + named + ": a half is 'tune' or 'test'; leave -Dhalf out for both");
		}
		return List.of(named);
	}

	static Map<String, Scores> scores(RelevanceJudgements set, Map<String, Map<String, TopicMatcher.Trial>> trials,
			String half) {
		Map<String, Scores> scores = new LinkedHashMap<>();
		set.queries().keySet().forEach((topic) -> scores.put(topic, new Scores()));
		for (RelevanceJudgements.Judgement judgement : set.judgements()) {
			if (!judgement.half().equals(half)) {
				continue;
			}
			TopicMatcher.Trial trial = trials.getOrDefault(judgement.topic(), Map.of()).get(judgement.article());
			boolean matched = trial != null && trial.admitted();
			scores.get(judgement.topic()).count(judgement.about(), matched);
		}
		return scores;
	}

	static String table(Map<String, Scores> scores) {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "| %-16s | %5s | %5s | %5s | %5s | %5s |%n",
				"topic", "about", "judged", "P", "R", "F1"));
		scores.forEach(
				(topic, s) -> text.append(String.format(Locale.ROOT, "| %-16s | %5d | %5d | %5.2f | %5.2f | %5.2f |%n",
						topic, s.about(), s.judged(), s.precision(), s.recall(), s.f1())));
		text.append(String.format(Locale.ROOT, "| %-16s |       |       | %5.2f | %5.2f | %5.2f |%n", "macro mean",
				mean(scores, Scores::precision), mean(scores, Scores::recall), mean(scores, Scores::f1)));
		return text.toString();
	}

	static double mean(Map<String, Scores> scores, java.util.function.ToDoubleFunction<Scores> measure) {
		return scores.values().stream().mapToDouble(measure).average().orElse(0);
	}

	private static void printFeatures(RelevanceJudgements set, Map<String, Map<String, TopicMatcher.Trial>> trials,
			List<String> halves) {
		System.out
			.println("topic\tarticle\thalf\tabout\tmatched\tscore\theadline\tplace\tcountry\tlead\thit\tsentences");
		for (RelevanceJudgements.Judgement j : set.judgements()) {
			if (!halves.contains(j.half())) {
				continue;
			}
			TopicMatcher.Trial trial = trials.getOrDefault(j.topic(), Map.of()).get(j.article());
			Aboutness a = (trial != null) ? trial.aboutness() : null;
			System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%.2f\t%d\t%d\t%d\t%d\t%d\t%d%n", j.topic(), j.article(),
					j.half(), j.about() ? 1 : 0, (a != null) ? 1 : 0, (a != null) ? a.score() : 0,
					(a != null && a.headline()) ? 1 : 0, (a != null && a.place()) ? 1 : 0,
					(a != null && a.soleCountry()) ? 1 : 0, (a != null && a.lead()) ? 1 : 0,
					(a != null) ? a.hitSentences() : 0, (a != null) ? a.sentences() : 0);
		}
	}

	/**
	 * Counts of one topic's judged stories.
	 */
	static final class Scores {

		int truePositives;

		int falsePositives;

		int falseNegatives;

		int trueNegatives;

		void count(boolean about, boolean matched) {
			if (about && matched) {
				this.truePositives++;
			}
			else if (matched) {
				this.falsePositives++;
			}
			else if (about) {
				this.falseNegatives++;
			}
			else {
				this.trueNegatives++;
			}
		}

		int about() {
			return this.truePositives + this.falseNegatives;
		}

		int judged() {
			return about() + this.falsePositives + this.trueNegatives;
		}

		double precision() {
			int matched = this.truePositives + this.falsePositives;
			return (matched == 0) ? ((about() == 0) ? 1 : 0) : (double) this.truePositives / matched;
		}

		double recall() {
			return (about() == 0) ? 1 : (double) this.truePositives / about();
		}

		double f1() {
			double p = precision();
			double r = recall();
			return (p + r == 0) ? 0 : 2 * p * r / (p + r);
		}

	}

}
