package news.dispatch.delivery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTP AUTH against GreenMail with a user account: the configured login sends, and a
 * login the server refuses fails the run with a sentence that names the settings to fix.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/greenmail-login",
		"dispatch.digest.lookback-days=100000", "dispatch.sending.retries=1", "dispatch.sending.backoff=50ms",
		"spring.mail.username=dispatch", "spring.mail.password=s3cret" }, smtp = FunctionalTest.Smtp.OWN)
class GreenMailLoginTests {

	static final Path DATA = Path.of("target/test-data/greenmail-login");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("dispatch@example.com", "dispatch", "s3cret"))
		.withPerMethodLifecycle(false);

	@Autowired
	Cli cli;

	@BeforeEach
	void passwordAsConfigured() {
		smtp.getUserManager().getUser("dispatch").setPassword("s3cret");
	}

	@Test
	void theConfiguredLoginSends() throws Exception {
		// given
		LocalDate edition = SmtpLoginTests.scenario(this.cli, DATA, "login", "ana@login.example");

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("1 sent, 0 to retry");
		assertThat(Arrays.stream(smtp.getReceivedMessages()).map(TestMail::recipient)).contains("ana@login.example");
	}

	@Test
	void aLoginTheServerRefusesFailsTheRunSayingWhatToFix() {
		// given: the account's password was changed on the server
		LocalDate edition = SmtpLoginTests.scenario(this.cli, DATA, "refused", "ben@refused.example");
		smtp.getUserManager().getUser("dispatch").setPassword("changed");

		// when
		Cli.Result failed = this.cli.run("digest", "--date", edition.toString());

		// then
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.err()).contains("refused the login")
			.contains("check spring.mail.username and spring.mail.password")
			.contains("dispatch jobs restart");
		assertThat(Arrays.stream(smtp.getReceivedMessages()).map(TestMail::recipient))
			.doesNotContain("ben@refused.example");
	}

}
