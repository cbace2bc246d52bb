package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import news.dispatch.ingest.Sources;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch sources list}: how each feed, page and folder has been doing.
 */
@Command(name = "sources", mixinStandardHelpOptions = true, description = "The sources ingest reads.",
		subcommands = { SourcesCommand.ListCommand.class })
class SourcesCommand {

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Each source read so far: its state (new, ok, waiting, failing, backing-off), last success,"
					+ " last error and next attempt.")
	static class ListCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final Sources sources;

		ListCommand(Sources sources) {
			this.sources = sources;
		}

		@Override
		public void run() {
			List<Sources.Status> all = this.sources.list();
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, all.stream().map(ListCommand::json).toList());
				return;
			}
			if (all.isEmpty()) {
				out.println("No source has been read yet. Run: dispatch ingest");
				return;
			}
			String row = "%-11s %-20s %-20s %-28s %s%n";
			out.printf(row, "state", "last success", "next attempt", "", "source");
			for (Sources.Status source : all) {
				String next = (source.nextAttempt() != null && Instant.now().isBefore(source.nextAttempt()))
						? shown(source.nextAttempt()) : "next run";
				String why = (source.waitReason() != null && !"next run".equals(next))
						? "(" + source.waitReason()
								+ ((source.failures() > 0) ? ", " + source.failures() + " failures" : "") + ")"
						: (source.failures() > 0) ? "(" + source.failures() + " failures)" : "";
				out.printf(row, source.state(), shown(source.lastSuccess()), next, why, source.name());
				if (source.failures() > 0 && source.lastError() != null) {
					out.printf("%12s last error %s: %s%n", "", shown(source.lastErrorAt()), source.lastError());
				}
			}
		}

		private static Map<String, Object> json(Sources.Status source) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("location", source.location());
			json.put("name", source.name());
			json.put("state", source.state());
			json.put("lastSuccess", text(source.lastSuccess()));
			json.put("lastError", source.lastError());
			json.put("lastErrorAt", text(source.lastErrorAt()));
			json.put("failures", source.failures());
			json.put("failingSince", text(source.failingSince()));
			json.put("nextAttempt", text(source.nextAttempt()));
			json.put("waitReason", source.waitReason());
			json.put("reported", source.reported());
			return json;
		}

		private static @Nullable String text(@Nullable Instant instant) {
			return (instant != null) ? instant.toString() : null;
		}

		private static String shown(@Nullable Instant instant) {
			return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : "never";
		}

	}

}
