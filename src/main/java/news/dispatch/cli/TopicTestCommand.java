package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.InvalidQueryException;
import news.dispatch.topic.MatchingSettings;
import news.dispatch.topic.Passage;
import news.dispatch.topic.QueryTrial;
import news.dispatch.topic.Relevance;
import news.dispatch.topic.Topic;
import news.dispatch.topic.TopicTuning;
import news.dispatch.topic.Topics;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch topics test QUERY|--topic NAME [--days N] [--in R] [--min-hits N] [--out]
 * [--json]}: the recent articles a query would match, most about the topic first, with
 * the aboutness score, the part that decided and the passage that shows why, the matched
 * words marked; with {@code --out} also the stories the query matches but the rule leaves
 * out. With {@code --topic} the topic's own query and rule are tried, and where editors
 * judged stories of it, the precision they give is shown. Nothing is saved. An invalid
 * query exits 2 with the column and the reason.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
		description = "Show the recent articles a query would match, with score and matched passage; nothing is saved.")
class TopicTestCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "QUERY", arity = "0..1",
			description = "A topic query, e.g. '\"north korea\" OR pyongyang'.")
	private @Nullable String query;

	@Option(names = "--topic", paramLabel = "NAME",
			description = "Try a saved topic: its query and rule, and the precision its judgements give.")
	private @Nullable String topic;

	@Option(names = "--out", description = "Also list the stories the query matches but the rule leaves out, and why.")
	private boolean out;

	@Option(names = "--days", defaultValue = "7",
			description = "How many days back to look (default ${DEFAULT-VALUE}).")
	private int days;

	@Option(names = "--in",
			description = "The rule, as a topic's in: about, headline, lead or anywhere. With neither option: about (headline, dateline, lead and share of sentences).")
	private @Nullable String in;

	@Option(names = "--min-hits", description = "How many hits suffice, as a topic's min-hits:.")
	private @Nullable String minHits;

	@Option(names = "--limit", defaultValue = "20",
			description = "The most articles to list (default ${DEFAULT-VALUE}).")
	private int limit;

	@Option(names = "--json", description = "Print one JSON document: [{id, headline, score, snippet, …}].")
	private boolean json;

	private final QueryTrial trial;

	private final MatchingSettings settings;

	private final Topics topics;

	private final TopicTuning tuning;

	TopicTestCommand(QueryTrial trial, MatchingSettings settings, Topics topics, TopicTuning tuning) {
		this.trial = trial;
		this.settings = settings;
		this.topics = topics;
		this.tuning = tuning;
	}

	@Override
	public Integer call() {
		if (this.days < 1 || this.limit < 1) {
			throw new InvalidInputException("--days and --limit must be 1 or more; give a positive number.");
		}
		if ((this.query == null) == (this.topic == null)) {
			throw new InvalidInputException("Give either a QUERY or --topic NAME; see dispatch topics test --help.");
		}
		Relevance defaults = this.settings.defaultRelevance();
		Optional<TopicTuning.Figures> estimate = Optional.empty();
		if (this.topic != null) {
			Topic saved = this.topics.findByName(this.topic)
				.orElseThrow(() -> new InvalidInputException(
						"There is no topic named \"" + this.topic + "\"; see the names with: dispatch topics list."));
			this.query = saved.query();
			defaults = saved.relevance();
			estimate = this.tuning.estimate(saved.name());
		}
		Relevance relevance;
		try {
			relevance = Relevance.parse(this.in, this.minHits, defaults);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("The option " + ex.getMessage() + "; fix it and try again.");
		}
		List<QueryTrial.Result> results;
		try {
			results = this.trial.run(this.query, relevance, this.days, this.limit, this.out);
		}
		catch (InvalidQueryException ex) {
			throw new InvalidInputException("The query '" + this.query + "' is invalid at " + ex.getMessage()
					+ "; fix it and try again (see docs/topic-queries.md).");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			Optional<TopicTuning.Figures> estimated = estimate;
			Json.print(out, results.stream().map((result) -> json(result, estimated)).toList());
		}
		else {
			print(out, results, relevance, estimate);
		}
		return 0;
	}

	private void print(PrintWriter out, List<QueryTrial.Result> results, Relevance relevance,
			Optional<TopicTuning.Figures> estimate) {
		if (results.isEmpty()) {
			out.printf("No article of the last %d days matches %s%n", this.days, this.query);
		}
		for (QueryTrial.Result result : results) {
			out.printf(Locale.ROOT, "%6d  %-3s %5.2f  %s%n", result.id(), result.in() ? "in" : "out",
					result.aboutness(), result.headline());
			out.printf("                   %s%n", result.reason());
			out.printf("                   %s%n%n", marked(result.passage()));
		}
		long in = results.stream().filter(QueryTrial.Result::in).count();
		if (!results.isEmpty()) {
			out.printf(
					"%d %s in the last %d days%s, most about the topic first; the rule: %s; matched words in [brackets].%n",
					in, (in == 1) ? "article" : "articles", this.days,
					this.out ? " (and " + (results.size() - in) + " the query matches but the rule leaves out)" : "",
					relevance);
		}
		estimate.ifPresent((figures) -> out.printf(Locale.ROOT,
				"Estimated from the editors' judgements of \"%s\": precision %.2f, recall %.2f.%n", this.topic,
				figures.precision(), figures.recall()));
	}

	private static String marked(Passage passage) {
		StringBuilder text = new StringBuilder();
		for (Passage.Part part : passage.parts()) {
			text.append(part.mark() ? "[" + part.text() + "]" : part.text());
		}
		return text.toString();
	}

	private static Map<String, Object> json(QueryTrial.Result result, Optional<TopicTuning.Figures> estimate) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", result.id());
		json.put("headline", result.headline());
		json.put("score", result.score());
		json.put("in", result.in());
		json.put("aboutness", result.aboutness());
		json.put("reason", result.reason());
		estimate.ifPresent((figures) -> json.put("estimatedPrecision", figures.precision()));
		json.put("snippet", result.passage().text());
		json.put("highlights",
				result.passage().highlights().stream().map((h) -> Map.of("start", h.start(), "end", h.end())).toList());
		json.put("publishedAt", result.publishedAt().toString());
		return json;
	}

}
