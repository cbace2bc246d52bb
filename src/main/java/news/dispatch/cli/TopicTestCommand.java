package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.InvalidQueryException;
import news.dispatch.topic.MatchingSettings;
import news.dispatch.topic.Passage;
import news.dispatch.topic.QueryTrial;
import news.dispatch.topic.Relevance;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch topics test QUERY [--days N] [--in R] [--min-hits N] [--json]}: the
 * recent articles a query would match, best first, with the score and the passage that
 * shows why, the matched words marked. Nothing is saved. An invalid query exits 2 with
 * the column and the reason.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
		description = "Show the recent articles a query would match, with score and matched passage; nothing is saved.")
class TopicTestCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "QUERY", description = "A topic query, e.g. '\"north korea\" OR pyongyang'.")
	private String query;

	@Option(names = "--days", defaultValue = "7",
			description = "How many days back to look (default ${DEFAULT-VALUE}).")
	private int days;

	@Option(names = "--in",
			description = "Where a hit must be: headline, lead or anywhere, as a topic's in:. With neither option: a hit in the lead or two anywhere.")
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

	TopicTestCommand(QueryTrial trial, MatchingSettings settings) {
		this.trial = trial;
		this.settings = settings;
	}

	@Override
	public Integer call() {
		if (this.days < 1 || this.limit < 1) {
			throw new InvalidInputException("--days and --limit must be 1 or more; give a positive number.");
		}
		Relevance relevance;
		try {
			relevance = Relevance.parse(this.in, this.minHits, this.settings.defaultRelevance());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("The option " + ex.getMessage() + "; fix it and try again.");
		}
		List<QueryTrial.Result> results;
		try {
			results = this.trial.run(this.query, relevance, this.days, this.limit);
		}
		catch (InvalidQueryException ex) {
			throw new InvalidInputException("The query '" + this.query + "' is invalid at " + ex.getMessage()
					+ "; fix it and try again (see docs/topic-queries.md).");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			Json.print(out, results.stream().map(TopicTestCommand::json).toList());
		}
		else {
			print(out, results);
		}
		return 0;
	}

	private void print(PrintWriter out, List<QueryTrial.Result> results) {
		if (results.isEmpty()) {
			out.printf("No article of the last %d days matches %s%n", this.days, this.query);
			return;
		}
		for (QueryTrial.Result result : results) {
			out.printf("%6d  %6.2f  %s%n", result.id(), result.score(), result.headline());
			out.printf("                %s%n%n", marked(result.passage()));
		}
		out.printf("%d %s in the last %d days, best first; matched words in [brackets].%n", results.size(),
				(results.size() == 1) ? "article" : "articles", this.days);
	}

	private static String marked(Passage passage) {
		StringBuilder text = new StringBuilder();
		for (Passage.Part part : passage.parts()) {
			text.append(part.mark() ? "[" + part.text() + "]" : part.text());
		}
		return text.toString();
	}

	private static Map<String, Object> json(QueryTrial.Result result) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", result.id());
		json.put("headline", result.headline());
		json.put("score", result.score());
		json.put("snippet", result.passage().text());
		json.put("highlights",
				result.passage().highlights().stream().map((h) -> Map.of("start", h.start(), "end", h.end())).toList());
		json.put("publishedAt", result.publishedAt().toString());
		return json;
	}

}
