package news.dispatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dispatch demo} on the embedded defaults: no SMTP server configured, so the mail
 * goes over SMTP to the embedded server and lands in the outbox as .eml and .html.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/demo", "dispatch.digest.weekly-day=MONDAY" },
		smtp = FunctionalTest.Smtp.EMBEDDED)
class DemoCommandTests {

	static final Path DATA = Path.of("target/test-data/demo");

	@Autowired
	Cli cli;

	@Test
	void theDemoSendsTodaysDigestToTheEmbeddedServerAndKeepsItInTheOutbox() throws IOException {
		Cli.Result demo = this.cli.run("demo");

		assertThat(demo.exitCode()).as(demo.err()).isZero();
		assertThat(demo.out()).contains("6 added").contains("Fetched 7 items").contains("7 new");
		assertThat(demo.out()).containsPattern("\\d+ sent, 0 to retry, 0 bounced, 0 failed, 0 pending");
		assertThat(demo.out()).contains("outbox");
		List<Path> outbox;
		try (Stream<Path> files = Files.list(DATA.resolve("outbox"))) {
			outbox = files.toList();
		}
		long eml = outbox.stream().filter((file) -> file.toString().endsWith(".eml")).count();
		long html = outbox.stream().filter((file) -> file.toString().endsWith(".html")).count();
		assertThat(eml).isGreaterThanOrEqualTo(3).isEqualTo(html);
		Path alice = outbox.stream()
			.filter((file) -> file.toString().endsWith(".eml"))
			.filter((file) -> read(file).contains("To: Alice Hart <alice.hart@example.com>"))
			.findFirst()
			.orElseThrow();
		assertThat(read(alice)).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
		assertThat(outbox).noneMatch((file) -> read(file).contains("priya.nair@example.com"));

		Cli.Result again = this.cli.run("demo");
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("0 new, 7 duplicate").contains("already sent");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
