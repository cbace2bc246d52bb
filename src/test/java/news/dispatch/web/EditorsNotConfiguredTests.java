package news.dispatch.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import news.dispatch.FunctionalTest;
import news.dispatch.TestPasswords;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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

	@LocalServerPort
	int port;

	@Test
	void theApiAndTheEditorPageRefuseEveryone() throws Exception {
		for (String authorization : new String[] { null, "Bearer 0123456789abcdef0123456789abcdef",
				"Basic " + Base64.getEncoder().encodeToString("ops:ops-pass".getBytes(StandardCharsets.UTF_8)) }) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/alerts"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"article\": 1, \"dryRun\": true}"));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			int status = HttpClient.newHttpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
			assertThat(status).as(String.valueOf(authorization)).isIn(401, 403);
		}
		PageClient editor = new PageClient(this.port, true);
		String csrf = editor.csrf("/editor/login");
		HttpResponse<String> login = editor.post("/editor/login",
				Map.of("username", "ops", "password", "ops-pass", "_csrf", csrf));
		assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/editor/login?error");
		assertThat(editor.get("/editor").statusCode()).isIn(302, 401, 403);
	}

}
