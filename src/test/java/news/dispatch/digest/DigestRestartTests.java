package news.dispatch.digest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the SMTP server is down the digest run fails with a message that says so, and
 * {@code jobs restart} finishes the edition once the server is back, sending each message
 * once.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/digest-restart", "dispatch.mail.connect-timeout=2s",
		"dispatch.sending.backoff=50ms" }, smtp = FunctionalTest.Smtp.OWN)
@Tag("postgres")
class DigestRestartTests {

	static final Path DATA = Path.of("target/test-data/digest-restart");

	static final LocalDate EDITION = LocalDate.of(2030, 1, 7);

	static int port;

	static GreenMail server;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		registry.add("spring.mail.port", () -> port);
		registry.add("dispatch.digest.lookback-days", () -> "100000");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.stop();
		}
	}

	@Autowired
	Cli cli;

	@Test
	void aRunFailedBecauseTheServerWasDownFinishesOnRestartWithoutDuplicates() {
		// given: articles, topics and subscribers, and no SMTP server listening
		this.cli.importNewsroom(DATA.resolve("input"));

		// when: the edition runs
		Cli.Result failed = this.cli.run("digest", "--date", EDITION.toString());

		// then: it fails, saying why and what to do
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.err()).contains("Cannot connect to the SMTP server 127.0.0.1:" + port)
			.contains("dispatch jobs restart");
		Matcher run = Pattern.compile("dispatch jobs restart (\\d+)").matcher(failed.err());
		assertThat(run.find()).isTrue();
		String id = run.group(1);
		assertThat(this.cli.run("jobs", "show", id, "--json").out()).contains("\"status\" : \"FAILED\"")
			.contains("\"PENDING\" : 4");

		// when: the server is back and the operator restarts the run
		server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		Cli.Result restarted = this.cli.run("jobs", "restart", id);

		// then: every planned digest arrives, once each
		assertThat(restarted.exitCode()).as(restarted.err()).isZero();
		assertThat(restarted.out()).contains("COMPLETED");
		MimeMessage[] received = server.getReceivedMessages();
		assertThat(received).hasSize(4);
		assertThat(Arrays.stream(received).map(TestMail::messageId).distinct()).hasSize(4);

		// and running the edition again sends nothing
		assertThat(this.cli.run("digest", "--date", EDITION.toString()).out()).contains("already sent");
		assertThat(server.getReceivedMessages()).hasSize(4);
	}

}
