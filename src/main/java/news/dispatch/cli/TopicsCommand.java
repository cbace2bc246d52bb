package news.dispatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.topic.Relevance;
import news.dispatch.topic.Topic;
import news.dispatch.topic.TopicImport;
import news.dispatch.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch topics import FILE.yml | list | test QUERY | verify}: the topic
 * catalog, trying a query before it becomes a topic, and checking the stored matches.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage the topic catalog.",
		subcommands = { TopicsCommand.ImportCommand.class, TopicsCommand.ListCommand.class, TopicTestCommand.class,
				TopicVerifyCommand.class, TopicTeachingCommands.JudgeCommand.class,
				TopicTeachingCommands.TuneCommand.class })
class TopicsCommand {

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = "Add or update topics from YAML: topics: [{name: \"North Korea\", query: '\"north korea\" OR pyongyang'}]")
	static class ImportCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "FILE.yml", description = "The topics file.")
		private Path file;

		private final TopicImport topicImport;

		ImportCommand(TopicImport topicImport) {
			this.topicImport = topicImport;
		}

		@Override
		public Integer call() {
			Imports.requireFile(this.file);
			return Imports.report(this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), this.file,
					"topics", this.topicImport.importFile(this.file));
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List the topics and their queries.")
	static class ListCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final Topics topics;

		ListCommand(Topics topics) {
			this.topics = topics;
		}

		@Override
		public void run() {
			List<Topic> all = this.topics.findAll();
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, all.stream().map((topic) -> {
					Map<String, Object> json = new LinkedHashMap<>();
					json.put("id", topic.id());
					json.put("name", topic.name());
					json.put("query", topic.query());
					json.put("in", topic.relevance().in().name().toLowerCase(Locale.ROOT));
					json.put("minHits", topic.relevance().minHits());
					if (topic.relevance().in() == Relevance.Region.ABOUT) {
						json.put("threshold", topic.relevance().threshold());
					}
					return json;
				}).toList());
				return;
			}
			if (all.isEmpty()) {
				out.println("No topics yet. Import some with: dispatch topics import FILE.yml");
			}
			for (Topic topic : all) {
				out.printf("%4d  %-24s %s%s%n", topic.id(), topic.name(), topic.query(), options(topic.relevance()));
			}
		}

		private static String options(Relevance relevance) {
			if (relevance.equals(Relevance.ANY) || relevance.equals(Relevance.ABOUT)) {
				return "";
			}
			if (relevance.in() == Relevance.Region.ABOUT) {
				return String.format(Locale.ROOT, "  [about, threshold %.2f, tuned]", relevance.threshold());
			}
			return "  [in: " + relevance.in().name().toLowerCase(Locale.ROOT) + ", min-hits: " + relevance.minHits()
					+ "]";
		}

	}

}
