package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import news.dispatch.system.ExitCodes;
import news.dispatch.system.Failures;
import news.dispatch.system.InvalidInputException;
import picocli.CommandLine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs the command given on the command line, once the application has started, and keeps
 * its exit code: 0 done, 1 the job failed or stopped, 2 bad usage or bad input. Spring
 * Boot options ({@code --spring.mail.host=…}, {@code --dispatch.data-dir=…}) are left to
 * Spring and hidden from the command parser.
 */
@Component
public class CommandLineInterface implements CommandLineRunner, ExitCodeGenerator {

	static final int DONE = ExitCodes.DONE;

	static final int FAILED = ExitCodes.FAILED;

	static final int BAD_INPUT = ExitCodes.BAD_INPUT;

	private final ApplicationContext context;

	private int exitCode;

	private final boolean runOnStart;

	private final GracefulShutdown shutdown;

	CommandLineInterface(ApplicationContext context, GracefulShutdown shutdown,
			@Value("${dispatch.cli.run-on-start:true}") boolean runOnStart) {
		this.context = context;
		this.shutdown = shutdown;
		this.runOnStart = runOnStart;
	}

	@Override
	public void run(String... args) {
		if (this.runOnStart) {
			try {
				this.exitCode = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
			}
			finally {
				this.shutdown.commandFinished();
			}
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/**
	 * Runs one command, writing its output and errors to the given writers.
	 */
	public int execute(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(DispatchCommand.class, factory());
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.registerConverter(LocalDate.class, CommandLineInterface::date);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			CommandLine failed = ex.getCommandLine();
			failed.getErr()
				.println(oneSentence(ex.getMessage()) + "; see dispatch "
						+ failed.getCommandSpec().qualifiedName(" ").replaceFirst("^dispatch ?", "") + " --help.");
			return BAD_INPUT;
		});
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			if (ex instanceof InvalidInputException) {
				line.getErr().println(ex.getMessage());
				return BAD_INPUT;
			}
			line.getErr().println("Dispatch could not finish: " + Failures.explain(ex));
			return FAILED;
		});
		return commandLine.execute(commandArguments(args));
	}

	private static LocalDate date(String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new CommandLine.TypeConversionException(
					"\"" + value + "\" is not a date in the form YYYY-MM-DD, like 2026-11-30");
		}
	}

	private static String oneSentence(String message) {
		String line = (message != null) ? message.strip() : "bad usage";
		// picocli says "Invalid value for option '--date': <our sentence>"
		line = line.replaceFirst("^Invalid value for option '([^']+)': ", "$1: ");
		return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
	}

	/**
	 * The arguments meant for the command: every {@code --name.with.dots=value} is a
	 * Spring property instead.
	 */
	static String[] commandArguments(String... args) {
		return Arrays.stream(args).filter((arg) -> !arg.matches("--[A-Za-z0-9-]+\\.[^=]*=.*")).toArray(String[]::new);
	}

	private CommandLine.IFactory factory() {
		AutowireCapableBeanFactory beans = this.context.getAutowireCapableBeanFactory();
		CommandLine.IFactory fallback = CommandLine.defaultFactory();
		return new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> type) throws Exception {
				if (type.getName().startsWith("news.dispatch.")) {
					return beans.createBean(type);
				}
				return fallback.create(type);
			}
		};
	}

}
