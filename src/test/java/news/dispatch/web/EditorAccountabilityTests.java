package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.TestPasswords;
import news.dispatch.article.Articles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Editors are accountable and hard to impersonate: guessing a password locks the account
 * and then the client, the right password included, with a message saying so; passwords
 * in plain text are refused in the settings; every alert records who started it (an
 * editor's login or a named token), shown by the API, the editor page and
 * {@code jobs show}; and {@code dispatch audit list} has every login, failure, lock and
 * alert.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/editor-accountability", "dispatch.alert.quiet-from=",
				"dispatch.alert.quiet-until=", "dispatch.editors.users.maria=" + TestPasswords.S3CRET_PASS,
				"dispatch.editors.users.ana=" + TestPasswords.OPS_PASS,
				"dispatch.editors.tokens[0]=desk-bot:" + EditorApiTests.TOKEN,
				"dispatch.editors.login.failures-per-account=5", "dispatch.editors.login.failures-per-client=12",
				"dispatch.editors.login.delay=0s" })
@Tag("postgres")
class EditorAccountabilityTests {

	static final Path DATA = Path.of("target/test-data/editor-accountability");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	/**
	 * Each test starts with no failed logins and an empty audit log.
	 */
	@BeforeEach
	void noFailures(@Autowired JdbcClient jdbc) {
		jdbc.sql("delete from rate_counter").update();
		jdbc.sql("delete from editor_audit").update();
	}

	@Test
	void guessingLocksTheAccountThenTheClientAndTheRightPasswordIsRefusedWhileLocked() throws Exception {
		Site.Client attacker = this.site.browser();
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			answers.add(attacker.logIn("maria", "guess-" + i));
		}

		assertThat(answers.subList(0, 5)).containsOnly("/editor/login?error");
		assertThat(answers.subList(5, 60)).containsOnly("/editor/login?locked");
		assertThat(attacker.logIn("maria", "s3cret-pass")).isEqualTo("/editor/login?locked");
		HttpResponse<String> page = attacker.get("/editor/login?locked");
		assertThat(page.body()).contains("Too many wrong passwords");
		assertThat(attacker.get("/editor").statusCode()).isEqualTo(302);
		// the API's HTTP basic is the same login, locked too
		assertThat(api("GET", "/api/alerts/1", null, Site.basic("maria", "s3cret-pass")).statusCode()).isEqualTo(401);
		// the client has had 5 + 7 failures: ana's right password from it is refused too
		for (int i = 0; i < 7; i++) {
			attacker.logIn("someone-" + i, "guess");
		}
		assertThat(attacker.logIn("ana", "ops-pass")).isEqualTo("/editor/login?locked");

		Cli.Result audit = this.cli.run("audit", "list", "--json", "--limit", "1000");
		assertThat(audit.exitCode()).isZero();
		assertThat(count(audit.out(), "\"LOGIN_FAILED\"")).isEqualTo(12);
		assertThat(audit.out()).contains("\"LOGIN_LOCKED\"").contains("\"editor\" : \"maria\"");
	}

	@Test
	void everyAlertRecordsWhoStartedItAndTheAuditLogHasIt(@Autowired Articles articles) throws Exception {
		this.cli.importNewsroom(DATA.resolve("input"));
		long summit = Newsroom.articleId(articles, "Putin and Kim");

		HttpResponse<String> started = api("POST", "/api/alerts", "{\"article\": " + summit + "}",
				"Bearer " + EditorApiTests.TOKEN);

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		assertThat(started.body()).contains("\"requestedBy\":\"api:token:desk-bot\"");
		assertThat(TestMail.server().waitForIncomingEmail(30_000, 1)).isTrue();
		HttpResponse<String> status = api("GET", "/api/alerts/" + summit, null, "Bearer " + EditorApiTests.TOKEN);
		long deadline = System.currentTimeMillis() + 30_000;
		while (status.body().contains("\"sentRun\":null") && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			status = api("GET", "/api/alerts/" + summit, null, "Bearer " + EditorApiTests.TOKEN);
		}
		assertThat(status.body()).contains("\"requestedBy\":\"api:token:desk-bot\"");
		Matcher run = Pattern.compile("\"sentRun\":(\\d+)").matcher(status.body());
		assertThat(run.find()).isTrue();

		Cli.Result show = this.cli.run("jobs", "show", run.group(1));
		assertThat(show.out()).contains("Requested by: api:token:desk-bot");
		assertThat(this.cli.run("jobs", "show", run.group(1), "--json").out())
			.contains("\"requestedBy\" : \"api:token:desk-bot\"");

		Site.Client editor = this.site.browser();
		assertThat(editor.logIn("maria", "s3cret-pass")).isEqualTo("/editor");
		assertThat(editor.get("/editor").body()).contains("by api:token:desk-bot");
		assertThat(editor.get("/editor/articles/" + summit).body()).contains("by api:token:desk-bot");

		Cli.Result audit = this.cli.run("audit", "list");
		assertThat(audit.out()).contains("ALERT_SENT").contains("token:desk-bot").contains("article " + summit);
		assertThat(audit.out()).contains("LOGIN ").contains("maria");
	}

	@Test
	void passwordsInPlainTextAreRefusedInTheSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebSecurity.encoded("dispatch.editors.users.maria", "s3cret-pass"))
			.withMessageContaining("dispatch.editors.users.maria is not an encoded password")
			.withMessageContaining("htpasswd");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebSecurity.encoded("dispatch.editors.users.maria", "{noop}s3cret-pass"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebSecurity.encoded("dispatch.editors.users.maria", "{bcrypt}not-a-hash"))
			.withMessageContaining("not a well-formed {bcrypt} hash");
		assertThat(WebSecurity.encoded("dispatch.editors.users.maria", TestPasswords.S3CRET_PASS))
			.isEqualTo(TestPasswords.S3CRET_PASS);
	}

	private HttpResponse<String> api(String method, String path, String json, String authorization) throws Exception {
		return this.site.call(method, path, json, "Authorization", authorization);
	}

	private static int count(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
