package news.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar as users run it: the commands that only read start from the bean definitions
 * prepared by the build, and answer exactly as the ordinary start does.
 */
class PackagedJarIT {

	static final Path JAR = Path.of("target/dispatch.jar").toAbsolutePath();

	static final Path DATA = Path.of("target/test-data/packaged-jar").toAbsolutePath();

	@BeforeAll
	static void demoEdition() throws Exception {
		Fixtures.delete(DATA);
		Files.createDirectories(DATA);
		Run demo = run(List.of(), "demo", "--quiet");
		assertThat(demo.exitCode()).as(demo.err()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jobs list", "jobs show 2", "topics list" })
	void readOnlyCommandsStartAheadOfTimeAndAnswerAsBefore(String command) throws Exception {
		Path classes = DATA.resolve("classes-" + command.replaceAll("\\W+", "_") + ".log");
		Run prepared = run(List.of("-Xlog:class+load:file=" + classes), command.split(" "));
		Run ordinary = run(List.of("-Dspring.aot.enabled=false"), command.split(" "));

		assertThat(prepared.exitCode()).as(prepared.err()).isZero();
		assertThat(prepared.out()).isNotBlank().isEqualTo(ordinary.out());
		assertThat(prepared.err()).isEqualTo(ordinary.err());
		assertThat(Files.readString(classes)).contains("DispatchApplication__BeanFactoryRegistrations");
	}

	private static Run run(List<String> jvmOptions, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
		line.addAll(jvmOptions);
		line.addAll(List.of("-jar", JAR.toString()));
		line.addAll(List.of(command));
		line.add("--dispatch.data-dir=" + DATA);
		Path out = Files.createTempFile(DATA, "out", ".txt");
		Path err = Files.createTempFile(DATA, "err", ".txt");
		Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish in 3 minutes");
		}
		return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	record Run(int exitCode, String out, String err) {
	}

}
