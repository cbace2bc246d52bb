package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch audit list [--since D] [--limit N] [--json]}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "What editors did.",
		subcommands = { AuditCommand.ListCommand.class })
class AuditCommand {

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "The editors' actions, newest first: logins, refused and locked logins, alerts sent; by whom"
					+ " (an editor's login or token:NAME) and from which client address.")
	static class ListCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only actions on or after this day (UTC).")
		private @Nullable LocalDate since;

		@Option(names = "--limit", defaultValue = "100", description = "At most this many actions (default: 100).")
		private int limit;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final AuditLog log;

		ListCommand(AuditLog log) {
			this.log = log;
		}

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			Instant from = (this.since != null) ? this.since.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
			List<AuditLog.Entry> entries = this.log.latest(from, Math.max(1, this.limit));
			if (this.json) {
				Json.print(out, entries.stream().map(AuditCommand::json).toList());
				return CommandLineInterface.DONE;
			}
			if (entries.isEmpty()) {
				out.println("No editor actions recorded.");
			}
			for (AuditLog.Entry entry : entries) {
				out.printf("%s  %-12s  %-20s  %s%s%s%n", entry.at(), entry.action(), entry.editor(),
						(entry.articleId() != null) ? "article " + entry.articleId() + "  " : "",
						(entry.client() != null) ? "from " + entry.client() + "  " : "",
						(entry.detail() != null) ? entry.detail() : "");
			}
			return CommandLineInterface.DONE;
		}

	}

	private static Map<String, Object> json(AuditLog.Entry entry) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", entry.id());
		json.put("at", entry.at().toString());
		json.put("editor", entry.editor());
		json.put("action", entry.action().name());
		json.put("article", entry.articleId());
		json.put("client", entry.client());
		json.put("detail", entry.detail());
		return json;
	}

}
