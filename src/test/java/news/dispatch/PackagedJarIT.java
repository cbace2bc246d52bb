package news.dispatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
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

	@RegisterExtension
	static final ChildJvms children = new ChildJvms(DATA);

	static int runs;

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

	private static Run run(List<String> jvmOptions, String... command) throws InterruptedException {
		List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
		options.addAll(jvmOptions);
		List<String> arguments = new ArrayList<>(List.of(command));
		arguments.add("--dispatch.data-dir=" + DATA);
		ChildJvms.Child child = children.jar("run-" + (++runs), JAR, options, arguments);
		if (!child.waitFor(Duration.ofMinutes(3))) {
			child.kill();
			throw new AssertionError(String.join(" ", command) + " did not finish in 3 minutes");
		}
		return new Run(child.exitValue(), child.outText(), child.errText());
	}

	record Run(int exitCode, String out, String err) {
	}

}
