package news.dispatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import news.dispatch.feedback.ReportFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch bounces import FILE|DIR...}.
 */
@Command(name = "bounces", mixinStandardHelpOptions = true,
		description = "Take in bounces and complaints that came back after sending.",
		subcommands = { BouncesCommand.ImportCommand.class })
class BouncesCommand {

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = "Read saved bounce reports (.eml: delivery status notifications, ARF complaints,"
					+ " providers' plain-text bounces, auto-replies), tie each to the message it is about and apply it:"
					+ " a hard bounce marks the message BOUNCED and counts towards suppression, soft bounces suppress"
					+ " after dispatch.feedback.soft-bounces-to-suppress, a complaint suppresses at once. One line"
					+ " per file; a file read twice changes nothing the second time.",
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:every file was read and tied to a message of ours (or was an auto-reply)",
					"2:a path does not exist, or some file could not be read or was not ours (nothing changed for it)" })
	static class ImportCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "FILE|DIR", arity = "1..*",
				description = "Saved reports, one message a file, or folders of them.")
		private List<Path> paths;

		private final ReportFiles reportFiles;

		ImportCommand(ReportFiles reportFiles) {
			this.reportFiles = reportFiles;
		}

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			PrintWriter err = this.spec.commandLine().getErr();
			List<Path> files = this.reportFiles.files(this.paths);
			int changed = 0;
			int notOurs = 0;
			for (Path file : files) {
				ReportFiles.FileOutcome taken = this.reportFiles.take(file);
				out.println(file + ": " + taken.outcome().line());
				changed += taken.outcome().changed() ? 1 : 0;
				notOurs += taken.read() ? 0 : 1;
			}
			out.printf("Read %d file(s): %d changed something, %d not ours or unreadable.%n", files.size(), changed,
					notOurs);
			if (notOurs > 0) {
				err.println(notOurs + " file(s) could not be read or tied to a message of ours and changed nothing;"
						+ " see the lines above.");
				return CommandLineInterface.BAD_INPUT;
			}
			return CommandLineInterface.DONE;
		}

	}

}
