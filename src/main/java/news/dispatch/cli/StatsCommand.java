package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import news.dispatch.delivery.LedgerKey;
import news.dispatch.system.InvalidInputException;
import news.dispatch.tracking.ClickStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch stats edition DATE} and {@code dispatch stats alert ARTICLE}: what
 * readers clicked in an edition or an alert.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "What readers read.",
		subcommands = { StatsCommand.EditionCommand.class, StatsCommand.AlertCommand.class })
class StatsCommand {

	@Command(name = "edition", mixinStandardHelpOptions = true,
			description = "Clicks in one digest edition: by readers per story and topic, and link scanners apart.")
	static class EditionCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "DATE", description = "The edition, YYYY-MM-DD.")
		private String date;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final ClickStats clicks;

		EditionCommand(ClickStats clicks) {
			this.clicks = clicks;
		}

		@Override
		public void run() {
			LocalDate edition;
			try {
				edition = LocalDate.parse(this.date.strip());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException(
						"The date " + this.date + " is not one; give the edition as YYYY-MM-DD, such as 2026-12-03.");
			}
			print(this.spec.commandLine().getOut(), this.clicks.stats(LedgerKey.edition(edition)), "edition",
					edition.toString(), "Edition " + edition, this.json);
		}

	}

	@Command(name = "alert", mixinStandardHelpOptions = true,
			description = "Clicks in the alert on one story: by readers, and link scanners apart.")
	static class AlertCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "ARTICLE", description = "The id of the story that was alerted (as in jobs show).")
		private long article;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final ClickStats clicks;

		AlertCommand(ClickStats clicks) {
			this.clicks = clicks;
		}

		@Override
		public void run() {
			print(this.spec.commandLine().getOut(), this.clicks.stats(LedgerKey.alert(this.article)), "alert",
					this.article, "Alert on story " + this.article, this.json);
		}

	}

	private static void print(PrintWriter out, ClickStats.Stats stats, String kind, Object key, String title,
			boolean json) {
		if (json) {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put(kind, key);
			document.put("readers", stats.readers());
			document.put("scanners", stats.scanners());
			document.put("stories", stats.stories());
			document.put("topics", stats.topics());
			Json.print(out, document);
			return;
		}
		out.printf("%s: %d clicks by readers, %d by link scanners%s%n", title, stats.readers(), stats.scannersTotal(),
				stats.scanners().isEmpty() ? "" : " " + stats.scanners());
		if (!stats.topics().isEmpty()) {
			out.println("By topic:");
			stats.topics().forEach((topic, count) -> out.printf("  %6d  %s%n", count, topic));
		}
		if (!stats.stories().isEmpty()) {
			out.println("By story:");
			stats.stories().forEach((story, count) -> out.printf("  %6d  %s%n", count, story));
		}
	}

}
