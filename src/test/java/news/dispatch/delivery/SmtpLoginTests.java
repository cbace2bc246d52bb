package news.dispatch.delivery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending to a server that wants TLS and a login, as a provider's submission port does:
 * Dispatch upgrades the connection with STARTTLS
 * ({@code dispatch.mail.starttls=required}), checks the server's certificate (trusted
 * here with {@code mail.smtp.ssl.trust}), logs in over TLS, and refuses to go on in clear
 * or with a refused login, saying what to fix.
 */
@FunctionalTest(
		properties = { "dispatch.data-dir=target/test-data/smtp-login", "dispatch.digest.lookback-days=100000",
				"dispatch.sending.retries=1", "dispatch.sending.backoff=50ms", "dispatch.mail.connect-timeout=2s",
				"dispatch.mail.read-timeout=2s", "dispatch.mail.starttls=required", "spring.mail.username=dispatch",
				"spring.mail.password=s3cret", "spring.mail.properties[mail.smtp.ssl.trust]=127.0.0.1" },
		smtp = FunctionalTest.Smtp.OWN)
class SmtpLoginTests {

	static final Path DATA = Path.of("target/test-data/smtp-login");

	static final AtomicInteger EDITIONS = new AtomicInteger();

	@RegisterExtension
	static final FaultySmtpServer server = FaultySmtpServer.start();

	static SSLContext certificate;

	@BeforeAll
	static void freshDataAndCertificate() throws Exception {
		certificate = SelfSignedCertificate.serverContext(DATA.resolve("tls"));
	}

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void serverWantsTlsAndALogin() {
		server.offerStartTls(certificate);
		server.requireLogin("dispatch", "s3cret");
	}

	@Test
	void messagesGoOverTlsAfterALogin() {
		// given
		LocalDate edition = scenario("tls", "ana@tls.example", "ben@tls.example");

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then: both arrived once, each over TLS and after the login
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("2 sent, 0 to retry");
		assertThat(server.received()).hasSize(2).allSatisfy((message) -> {
			assertThat(message.tls()).as("over TLS").isTrue();
			assertThat(message.user()).isEqualTo("dispatch");
		});
	}

	@Test
	void aRefusedLoginFailsTheRunSayingWhatToFixAndARestartSendsEachMessageOnce() {
		// given: the server's password was changed
		LocalDate edition = scenario("password", "ana@password.example", "ben@password.example");
		server.requireLogin("dispatch", "changed");

		// when
		Cli.Result failed = this.cli.run("digest", "--date", edition.toString());

		// then: the run fails at once, saying the login was refused and which settings
		// to fix; nothing is sent or marked sent
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.err()).contains("refused the login")
			.contains("535")
			.contains("spring.mail.username and spring.mail.password")
			.contains("dispatch jobs restart");
		assertThat(server.received()).isEmpty();
		assertThat(statuses(edition)).isEqualTo("PENDING PENDING");

		// when: the settings match again and the run is restarted
		server.requireLogin("dispatch", "s3cret");
		Cli.Result restarted = this.cli.run("jobs", "restart", DeliveryFaultTests.failedRunId(failed.err()));

		// then
		assertThat(restarted.exitCode()).as(restarted.err()).isZero();
		assertThat(server.received()).extracting(FaultySmtpServer.Received::recipient)
			.containsExactlyInAnyOrder("ana@password.example", "ben@password.example");
	}

	@Test
	void aServerThatDoesNotOfferStartTlsIsRefusedWhenTlsIsRequired() {
		// given: a server (or a man in the middle) that does not offer STARTTLS
		LocalDate edition = scenario("cleartext", "ana@cleartext.example");
		server.offerStartTls(null);

		// when
		Cli.Result failed = this.cli.run("digest", "--date", edition.toString());

		// then: nothing goes out in clear, and the sentence says why and what to change
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.err()).contains("does not offer STARTTLS")
			.contains("dispatch.mail.starttls=required")
			.contains("dispatch jobs restart");
		assertThat(server.received()).isEmpty();
		assertThat(statuses(edition)).isEqualTo("PENDING");
	}

	LocalDate scenario(String name, String... recipients) {
		return scenario(this.cli, DATA, name, recipients);
	}

	/**
	 * A topic, subscribers to it and an article that matches it; returns a fresh edition
	 * date.
	 */
	static LocalDate scenario(Cli cli, Path data, String name, String... recipients) {
		Newsroom.in(cli, data.resolve("input").resolve(name))
			.topic(name, name + "word")
			.columns("email,name,topics,frequency")
			.subscribers(List.of(recipients), "Reader", name, "daily")
			.story("News of " + name, "The " + name + "word story, with enough words to make a lead paragraph.")
			.load();
		return LocalDate.of(2032, 1, 1).plusDays(EDITIONS.incrementAndGet());
	}

	String statuses(LocalDate edition) {
		return String.join(" ",
				this.jdbc.sql("select status from delivery where edition_key = ? order by id")
					.param(edition.toString())
					.query(String.class)
					.list());
	}

}
