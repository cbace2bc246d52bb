package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.Arrays;

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

	static final int DONE = 0;

	static final int FAILED = 1;

	static final int BAD_INPUT = 2;

	private final ApplicationContext context;

	private int exitCode;

	private final boolean runOnStart;

	CommandLineInterface(ApplicationContext context, @Value("${dispatch.cli.run-on-start:true}") boolean runOnStart) {
		this.context = context;
		this.runOnStart = runOnStart;
	}

	@Override
	public void run(String... args) {
		if (this.runOnStart) {
			this.exitCode = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
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
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			if (ex instanceof InvalidInputException) {
				line.getErr().println(ex.getMessage());
				return BAD_INPUT;
			}
			line.getErr().println("Dispatch could not finish: " + JobRuns.explain(ex));
			return FAILED;
		});
		return commandLine.execute(commandArguments(args));
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

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
