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
 * {@code dispatch stats edition DATE}: what readers clicked in an edition.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "What readers read.",
		subcommands = { StatsCommand.EditionCommand.class })
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
			ClickStats.Stats stats = this.clicks.stats(LedgerKey.edition(edition));
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("edition", edition.toString());
				json.put("readers", stats.readers());
				json.put("scanners", stats.scanners());
				json.put("stories", stats.stories());
				json.put("topics", stats.topics());
				Json.print(out, json);
				return;
			}
			out.printf("Edition %s: %d clicks by readers, %d by link scanners%s%n", edition, stats.readers(),
					stats.scannersTotal(), stats.scanners().isEmpty() ? "" : " " + stats.scanners());
			if (!stats.topics().isEmpty()) {
				out.println("By topic:");
				stats.topics().forEach((topic, count) -> out.printf("  %6d  %s%n", count, topic));
				out.println("By story:");
				stats.stories().forEach((story, count) -> out.printf("  %6d  %s%n", count, story));
			}
		}

	}

}
