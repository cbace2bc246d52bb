package news.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@code dispatch} in JVMs of their own, as a user or a second instance would, for
 * the tests that stop, kill or race processes. Each child writes its output to
 * {@code <name>.out} and {@code <name>.err} in the test's log folder. When a test fails,
 * the logs of the children it started are copied to
 * {@code target/child-logs/<test class>/<test>/} and their last lines printed, so the
 * reason a child did what it did survives the next run; after each test (and each test
 * class) every child still running is killed.
 * <p>
 * Register it in a static field with {@code @RegisterExtension}.
 */
public final class ChildJvms implements AfterEachCallback, AfterAllCallback {

	private static final Path KEPT = Path.of("target/child-logs");

	private static final int TAIL_LINES = 40;

	private final Path logs;

	private final List<Child> started = new CopyOnWriteArrayList<>();

	/** What every {@code dispatch} child is given after its own arguments. */
	private final List<String> settings;

	/**
	 * @param logs the folder for the children's output
	 */
	public ChildJvms(Path logs) {
		this(logs, List.of());
	}

	private ChildJvms(Path logs, List<String> settings) {
		this.logs = logs.toAbsolutePath();
		this.settings = settings;
	}

	/**
	 * Children that share a test's data directory (their logs go there too) and send
	 * their mail to its SMTP server at this loopback port, each {@code dispatch} child
	 * given these settings as well.
	 */
	public static ChildJvms sharing(Path data, int smtpPort, String... settings) {
		List<String> shared = new ArrayList<>(List.of("--dispatch.data-dir=" + data, "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + smtpPort));
		shared.addAll(List.of(settings));
		return new ChildJvms(data, shared);
	}

	/**
	 * A running child.
	 */
	public record Child(String name, Process process, Path out, Path err) {

		public String outText() {
			return read(this.out);
		}

		public String errText() {
			return read(this.err);
		}

		/**
		 * Waits for the child to end; false if it still runs after the timeout.
		 */
		public boolean waitFor(Duration timeout) throws InterruptedException {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		/**
		 * Waits until the child has printed a line matching the pattern, and answers the
		 * match; fails if the child ends first or the time runs out.
		 */
		public MatchResult awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				Matcher matcher = pattern.matcher(Files.exists(this.out) ? outText() : "");
				if (matcher.find()) {
					return matcher.toMatchResult();
				}
				if (System.nanoTime() > deadline || !this.process.isAlive()) {
					throw new AssertionError(this.name + " did not print " + pattern + " within " + timeout + ": "
							+ (Files.exists(this.err) ? errText() : ""));
				}
				Thread.sleep(200);
			}
		}

		public int exitValue() {
			return this.process.exitValue();
		}

		public long pid() {
			return this.process.pid();
		}

		/** SIGTERM. */
		public void stop() {
			this.process.destroy();
		}

		/** SIGKILL. */
		public void kill() {
			this.process.destroyForcibly();
		}

	}

	/**
	 * Runs {@code dispatch} with these arguments from the test class path (main code and
	 * tests as compiled).
	 */
	public Child dispatch(String name, List<String> arguments) {
		List<String> all = new ArrayList<>(arguments);
		all.addAll(this.settings);
		return start(name, command(all));
	}

	/**
	 * The command line that runs {@code dispatch} with these arguments in a JVM of its
	 * own from the test class path (main code and tests as compiled), for a test that
	 * starts its processes itself. The JVM gets the options the launcher gives its short
	 * commands (C1 only and the serial collector): a test's child lives seconds and
	 * handles a few readers, and on two cores C2's compiling of Spring's start-up took
	 * the cores from the test and the other children.
	 */
	public static List<String> command(List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), DispatchApplication.class.getName()));
		command.addAll(arguments);
		return command;
	}

	/**
	 * Runs {@code dispatch} with these arguments from the test class path.
	 */
	public Child dispatch(String name, String... arguments) {
		return dispatch(name, List.of(arguments));
	}

	/**
	 * Runs the packaged jar with these JVM options and arguments.
	 */
	public Child jar(String name, Path jar, List<String> jvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(arguments);
		return start(name, command);
	}

	/**
	 * The children started and not yet ended.
	 */
	public List<Child> running() {
		return this.started.stream().filter((child) -> child.process().isAlive()).toList();
	}

	private Child start(String name, List<String> command) {
		try {
			Files.createDirectories(this.logs);
			Path out = this.logs.resolve(name + ".out");
			Path err = this.logs.resolve(name + ".err");
			Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			Child child = new Child(name, process, out, err);
			this.started.add(child);
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
		if (context.getExecutionException().isPresent()) {
			Path kept = KEPT.resolve(context.getRequiredTestClass().getSimpleName())
				.resolve(context.getRequiredTestMethod().getName());
			Files.createDirectories(kept);
			for (Child child : this.started) {
				for (Path log : List.of(child.out(), child.err())) {
					if (Files.exists(log)) {
						Path copy = Files.copy(log, kept.resolve(log.getFileName()),
								StandardCopyOption.REPLACE_EXISTING);
						System.err.println("--- " + copy.toAbsolutePath() + " (last " + TAIL_LINES + " lines)");
						List<String> lines = Files.readString(log, StandardCharsets.ISO_8859_1).lines().toList();
						lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
							.forEach(System.err::println);
					}
				}
			}
		}
		// a child left running would go on writing to the database and the SMTP server
		// under the next test
		for (Child child : this.started) {
			child.kill();
			child.waitFor(Duration.ofSeconds(10));
		}
		this.started.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.started.forEach(Child::kill);
		this.started.clear();
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
