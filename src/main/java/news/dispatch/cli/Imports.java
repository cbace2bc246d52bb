package news.dispatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import news.dispatch.system.ImportReport;
import news.dispatch.system.InvalidInputException;

/**
 * Prints what an import did, the same way for every kind of file.
 */
final class Imports {

	private Imports() {
	}

	static void requireFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException(
					"The file " + file + " does not exist; give the path of the file to import.");
		}
	}

	/**
	 * @return 0 when every record was taken, 2 when some were refused
	 */
	static int report(PrintWriter out, PrintWriter err, Path file, String what, ImportReport report) {
		out.printf("Imported %s from %s: %d added, %d changed, %d unchanged, %d refused.%n", what, file,
				report.addedCount(), report.changedCount(), report.unchangedCount(), report.problems().size());
		for (ImportReport.Problem problem : report.problems()) {
			err.printf("%s line %d: %s%n", file.getFileName(), problem.line(), problem.reason());
		}
		return report.problems().isEmpty() ? CommandLineInterface.DONE : CommandLineInterface.BAD_INPUT;
	}

}
