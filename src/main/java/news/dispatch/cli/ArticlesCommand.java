package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.system.DispatchSettings;
import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.ArticleMatches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch articles list | show ID}: what the store holds.
 */
@Command(name = "articles", mixinStandardHelpOptions = true, description = "Show stored articles.",
		subcommands = { ArticlesCommand.ListCommand.class, ArticlesCommand.ShowCommand.class })
class ArticlesCommand {

	/**
	 * The JSON shape of an article: stable keys that scripts rely on.
	 */
	static Map<String, Object> json(Article article, List<String> topics, boolean withBody) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", article.id());
		json.put("headline", article.headline());
		json.put("url", article.url());
		json.put("publishedAt", article.publishedAt().toString());
		json.put("topics", topics);
		json.put("source", article.source());
		json.put("place", article.place());
		if (withBody) {
			json.put("body", article.body());
		}
		return json;
	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List articles, newest first.")
	static class ListCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Option(names = "--since", paramLabel = "YYYY-MM-DD",
				description = "Only articles published on or after this date.")
		private LocalDate since;

		@Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).")
		private int limit;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final Articles articles;

		private final ArticleMatches matches;

		private final DispatchSettings settings;

		ListCommand(Articles articles, ArticleMatches matches, DispatchSettings settings) {
			this.articles = articles;
			this.matches = matches;
			this.settings = settings;
		}

		@Override
		public void run() {
			Instant from = (this.since != null) ? this.since.atStartOfDay(this.settings.zone()).toInstant()
					: Instant.EPOCH;
			List<Article> found = this.articles.publishedSince(from, this.limit);
			Map<Long, List<String>> topics = this.matches.topicNames(found.stream().map(Article::id).toList());
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out,
						found.stream()
							.map((article) -> json(article, topics.getOrDefault(article.id(), List.of()), false))
							.toList());
				return;
			}
			if (found.isEmpty()) {
				out.println("No articles yet. Ingest some with: dispatch ingest --from DIR");
			}
			for (Article article : found) {
				out.printf("%6d  %s  %s%s%n", article.id(), article.publishedAt().toString().substring(0, 16),
						article.headline(), topicsSuffix(topics.getOrDefault(article.id(), List.of())));
			}
		}

	}

	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one article, with its text.")
	static class ShowCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The article's id (see articles list).")
		private long id;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final Articles articles;

		private final ArticleMatches matches;

		ShowCommand(Articles articles, ArticleMatches matches) {
			this.articles = articles;
			this.matches = matches;
		}

		@Override
		public void run() {
			Article article = this.articles.find(this.id)
				.orElseThrow(() -> new InvalidInputException(
						"There is no article " + this.id + "; see dispatch articles list for the ids."));
			List<String> topics = this.matches.topicNames(List.of(this.id)).getOrDefault(this.id, List.of());
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, json(article, topics, true));
				return;
			}
			out.println(article.headline());
			out.println();
			out.printf("id %d · published %s · from %s%s%s%n", article.id(), article.publishedAt(), article.source(),
					(article.place() != null) ? " · filed in " + article.place() : "", topicsSuffix(topics));
			if (article.url() != null) {
				out.println(article.url());
			}
			out.println();
			out.println(article.body());
		}

	}

	static String topicsSuffix(List<String> topics) {
		return topics.isEmpty() ? "" : "  [" + String.join(", ", topics) + "]";
	}

}
