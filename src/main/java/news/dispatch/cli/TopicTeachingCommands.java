package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.Topic;
import news.dispatch.topic.TopicTuning;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch topics judge TOPIC ARTICLE yes|no} and {@code dispatch topics tune
 * [TOPIC]}: editors teach a topic what it is about.
 */
final class TopicTeachingCommands {

	private TopicTeachingCommands() {
	}

	@Command(name = "judge", mixinStandardHelpOptions = true,
			description = "Record whether a story is principally about a topic (yes or no); topics tune learns from it.")
	static class JudgeCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", paramLabel = "TOPIC", description = "The topic's name.")
		private String topic;

		@Parameters(index = "1", paramLabel = "ARTICLE", description = "The story's id (see dispatch articles list).")
		private long article;

		@Parameters(index = "2", paramLabel = "yes|no", description = "Whether the story is principally about it.")
		private String label;

		private final TopicTuning tuning;

		JudgeCommand(TopicTuning tuning) {
			this.tuning = tuning;
		}

		@Override
		public Integer call() {
			String answer = this.label.strip().toLowerCase(Locale.ROOT);
			if (!answer.equals("yes") && !answer.equals("no")) {
				throw new InvalidInputException(
						"The judgement must be yes or no, not \"" + this.label + "\"; give one of them.");
			}
			Topic judged = this.tuning.judge(this.topic, this.article, answer.equals("yes"));
			this.spec.commandLine()
				.getOut()
				.printf("Article %d is %s \"%s\"; dispatch topics tune \"%s\" fits the topic to its judgements.%n",
						this.article, answer.equals("yes") ? "about" : "not about", judged.name(), judged.name());
			return 0;
		}

	}

	@Command(name = "tune", mixinStandardHelpOptions = true,
			description = "Fit each topic's threshold to its judgements (best F1), print precision and recall before and after, and keep it.")
	static class TuneCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "TOPIC", arity = "0..1", description = "One topic's name; all topics without it.")
		private @Nullable String topic;

		private final TopicTuning tuning;

		TuneCommand(TopicTuning tuning) {
			this.tuning = tuning;
		}

		@Override
		public Integer call() {
			List<TopicTuning.Outcome> outcomes = this.tuning.tune(this.topic);
			PrintWriter out = this.spec.commandLine().getOut();
			if (outcomes.isEmpty()) {
				out.println("No topics yet. Import some with: dispatch topics import FILE.yml");
			}
			for (TopicTuning.Outcome outcome : outcomes) {
				String name = outcome.topic().name();
				if (outcome.after() == null) {
					out.printf("%-24s not tuned: %s%n", name, outcome.note());
					continue;
				}
				TopicTuning.Figures before = outcome.before();
				TopicTuning.Figures after = outcome.after();
				out.printf(Locale.ROOT,
						"%-24s %d judgements (%d about it): threshold %.2f -> %.2f, precision %.2f -> %.2f, recall %.2f -> %.2f%n",
						name, outcome.judged(), outcome.about(), before.threshold(), after.threshold(),
						before.precision(), after.precision(), before.recall(), after.recall());
			}
			return 0;
		}

	}

}
