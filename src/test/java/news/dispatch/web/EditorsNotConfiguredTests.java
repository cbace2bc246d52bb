package news.dispatch.web;

import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestPasswords;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no editor configured, the alert API and the editor page refuse everyone: never
 * open by default, whatever credentials are sent.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/editors-none", "dispatch.operator.username=ops",
				"dispatch.operator.password=" + TestPasswords.OPS_PASS },
		smtp = FunctionalTest.Smtp.EMBEDDED)
class EditorsNotConfiguredTests {

	@Autowired
	Site site;

	@Test
	void theApiAndTheEditorPageRefuseEveryone() throws Exception {
		for (String authorization : new String[] { null, "Bearer 0123456789abcdef0123456789abcdef",
				Site.basic("ops", "ops-pass") }) {
			int status = this.site
				.call("POST", "/api/alerts", "{\"article\": 1, \"dryRun\": true}", "Authorization", authorization)
				.statusCode();
			assertThat(status).as(String.valueOf(authorization)).isIn(401, 403);
		}
		Site.Client editor = this.site.browser();
		assertThat(editor.logIn("ops", "ops-pass")).endsWith("/editor/login?error");
		assertThat(editor.get("/editor").statusCode()).isIn(302, 401, 403);
	}

}
