package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.MatchVerification;
import news.dispatch.topic.MatchingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch topics verify [--days N] [--json]}: matches the stored stories again
 * against the current topics and keywords, in memory, and lists every story whose stored
 * matches differ. Exits 1 if any do, 0 if none, 2 on bad usage. Nothing is written.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
		description = "Match recent stories again against the current topics and keywords and list any difference from"
				+ " what is stored; exits 1 if there is one. Nothing is saved.")
class TopicVerifyCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--days",
			description = "How many days back to check (default: the matching window, dispatch.matching.window-days).")
	private Integer days;

	@Option(names = "--json", description = "Print one JSON document: {stories, days, differences: [{id, headline,"
			+ " owner, stored, matchesNow, current}]}.")
	private boolean json;

	private final MatchVerification verification;

	private final MatchingSettings settings;

	TopicVerifyCommand(MatchVerification verification, MatchingSettings settings) {
		this.verification = verification;
		this.settings = settings;
	}

	@Override
	public Integer call() {
		int window = (this.days != null) ? this.days : this.settings.windowDays();
		if (window < 1) {
			throw new InvalidInputException("--days must be 1 or more, not " + window + "; give a positive number.");
		}
		MatchVerification.Report report = this.verification.verify(window);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("stories", report.stories());
			json.put("days", report.days());
			json.put("differences", report.differences().stream().map((difference) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("id", difference.articleId());
				entry.put("headline", difference.headline());
				entry.put("owner", difference.owner());
				entry.put("stored", difference.stored());
				entry.put("matchesNow", !difference.stored());
				entry.put("current", difference.current());
				return entry;
			}).toList());
			Json.print(out, json);
		}
		else {
			for (MatchVerification.Difference difference : report.differences()) {
				out.printf("%6d  %s%n        %s: %s%s%n", difference.articleId(), difference.headline(),
						difference.owner(),
						difference.stored() ? "stored as a match, but does not match now"
								: "matches now, but is not stored",
						difference.current() ? "" : " (matched under older queries; the next match step redoes it)");
			}
			out.printf("%d %s of the last %d days checked against the current topics and keywords: %s.%n",
					report.stories(), (report.stories() == 1) ? "story" : "stories", report.days(),
					report.differences().isEmpty() ? "no difference" : report.differences().size() + " difference(s)");
		}
		return report.differences().isEmpty() ? 0 : 1;
	}

}
