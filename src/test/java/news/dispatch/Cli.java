package news.dispatch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import news.dispatch.cli.CommandLineInterface;

/**
 * Runs {@code dispatch} commands inside a test's application context and keeps what they
 * printed.
 */
public final class Cli {

	private final CommandLineInterface commandLine;

	public Cli(CommandLineInterface commandLine) {
		this.commandLine = commandLine;
	}

	/**
	 * What one command did.
	 */
	public record Result(int exitCode, String out, String err) {
	}

	/**
	 * Gives the application the standard newsroom of the fixtures: topics.yml,
	 * subscribers.csv and the articles of inbox/, copied under {@code input} first.
	 */
	public void importNewsroom(Path input) {
		Newsroom.standard(this, input);
	}

	public Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = this.commandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Result(exit, out.toString(), err.toString());
	}

}
