package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.TestPasswords;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestDatabase;
import news.dispatch.TestMail;
import news.dispatch.article.Articles;
import news.dispatch.topic.TopicJudgements;
import news.dispatch.topic.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert API and the editor page over real HTTP, against a real SMTP server: nobody
 * gets in without an editor's credentials (a token or a login), a preview sends nothing,
 * a send goes out once, the page asks for confirmation and its forms need their CSRF
 * token, and the subscriber pages keep theirs.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/editor-api", "dispatch.alert.quiet-from=",
				"dispatch.alert.quiet-until=", "dispatch.editors.users.maria=" + TestPasswords.S3CRET_PASS,
				"dispatch.editors.tokens[0]=" + EditorApiTests.TOKEN, "dispatch.operator.username=ops",
				"dispatch.operator.password=" + TestPasswords.OPS_PASS })
class EditorApiTests {

	static final String TOKEN = "0123456789abcdef0123456789abcdef";

	static final Path DATA = Path.of("target/test-data/editor-api");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Autowired
	Articles articles;

	/**
	 * Every test starts from the newsroom of the fixtures, nothing alerted, no mail.
	 */
	@BeforeEach
	void newsroom(@Autowired DataSource dataSource) {
		TestDatabase.empty(dataSource);
		TestMail.purge();
		this.cli.importNewsroom(DATA.resolve("input"));
	}

	@Test
	void theApiRefusesCallsWithoutAnEditorsCredentials() throws Exception {
		String body = "{\"article\": " + id("Putin and Kim") + ", \"dryRun\": true}";

		assertThat(post(body, null).statusCode()).isEqualTo(401);
		assertThat(post(body, "Bearer wrong-token-wrong-token-wrong").statusCode()).isEqualTo(401);
		assertThat(post(body, Site.basic("maria", "wrong")).statusCode()).isEqualTo(401);
		// the operator is not an editor
		assertThat(post(body, Site.basic("ops", "ops-pass")).statusCode()).isEqualTo(403);
		assertThat(TestMail.received()).isEmpty();
	}

	@Test
	void aDryRunWithATokenOrALoginAnswersTheAudienceAndTheAlertAndSendsNothing() throws Exception {
		String body = "{\"article\": " + id("Putin and Kim") + ", \"dryRun\": true, \"note\": \"Signed an hour ago\"}";

		for (String credentials : new String[] { "Bearer " + TOKEN, Site.basic("maria", "s3cret-pass") }) {
			HttpResponse<String> preview = post(body, credentials);

			assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
			assertThat(preview.body()).contains("\"topics\":[\"Russia\",\"North Korea\"]")
				.contains("\"audience\":1")
				.contains("\"email\":\"sample.reader@example.com\"")
				.contains("BREAKING: Putin and Kim Jong Un")
				.contains("From the editor: Signed an hour ago");
		}
		assertThat(TestMail.received()).isEmpty();
	}

	@Test
	void aSendStartsTheAlertWhichGoesOutOnceAndASecondIsRefused() throws Exception {
		long summit = id("Putin and Kim");
		String body = "{\"article\": " + summit + "}";

		HttpResponse<String> started = post(body, "Bearer " + TOKEN);

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		assertThat(started.body()).contains("\"status\":\"started\"").contains("\"audience\":1");
		assertThat(TestMail.server().waitForIncomingEmail(30_000, 1)).isTrue();
		assertThat(TestMail.received().get(0).getSubject()).startsWith("BREAKING: Putin and Kim Jong Un");
		long deadline = System.currentTimeMillis() + 30_000;
		HttpResponse<String> status = get("/api/alerts/" + summit, "Bearer " + TOKEN);
		while (status.body().contains("\"sentRun\":null") && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			status = get("/api/alerts/" + summit, "Bearer " + TOKEN);
		}
		assertThat(status.body()).contains("\"SENT\":1");

		HttpResponse<String> again = post(body, "Bearer " + TOKEN);

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("already sent");
		assertThat(TestMail.received()).hasSize(1);
	}

	@Test
	void aPreviewShowsASampleReaderWhoseLinksDoNothingAndNoRealReader(@Autowired JdbcClient jdbc) throws Exception {
		long summit = id("Putin and Kim");
		Site.Client editor = this.site.editor("maria", "s3cret-pass");

		String api = post("{\"article\": " + summit + ", \"dryRun\": true}", "Bearer " + TOKEN).body();
		String page = editor.get("/editor/articles/" + summit).body();

		for (String preview : List.of(api, page)) {
			assertThat(preview).contains("sample.reader@example.com")
				.doesNotContain("ana.kovac@example.com")
				.contains("BREAKING: Putin and Kim Jong Un");
			Matcher tokens = Pattern.compile("token=([\\w.-]+)").matcher(preview);
			List<String> found = tokens.results().map((match) -> match.group(1)).distinct().toList();
			assertThat(found).containsExactly("sample-preview-link");
		}
		Site.Client anyone = this.site.browser();
		for (String path : List.of("/preferences", "/unsubscribe")) {
			HttpResponse<String> followed = anyone.get(path + "?token=sample-preview-link");
			assertThat(followed.statusCode()).isEqualTo(400);
			assertThat(followed.body()).contains("not valid");
		}
		assertThat(jdbc.sql("select status from subscriber where email = 'ana.kovac@example.com'")
			.query(String.class)
			.single()).isEqualTo("ACTIVE");
	}

	@Test
	void badCallsAreRefusedWithTheFix() throws Exception {
		HttpResponse<String> unknown = post("{\"article\": 999999}", "Bearer " + TOKEN);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("There is no article 999999");

		HttpResponse<String> none = post("{\"headline\": \"x\"}", "Bearer " + TOKEN);
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(none.body()).contains("no \\\"article\\\"");
	}

	@Test
	void theEditorPageNeedsALoginPreviewsAndSendsAfterAConfirmation() throws Exception {
		long football = id("Ten-man Ashbourne");
		Site.Client editor = this.site.browser();
		assertThat(editor.get("/editor").statusCode()).isEqualTo(302);

		assertThat(editor.logIn("maria", "nope")).endsWith("/editor/login?error");
		assertThat(editor.logIn("maria", "s3cret-pass")).endsWith("/editor");

		HttpResponse<String> list = editor.get("/editor");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("Ten-man Ashbourne").contains("Football · audience 1");
		assertThat(list.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");

		HttpResponse<String> preview = editor.get("/editor/articles/" + football + "?note=Extra+time");
		assertThat(preview.body()).contains("From the editor: Extra time").doesNotContain("dev.sharma@example.org");
		int before = TestMail.received().size();

		// a send without the page's CSRF token is refused
		assertThat(editor.post("/editor/articles/" + football + "/send", Map.of("note", "x")).statusCode())
			.isEqualTo(403);
		String csrf = editor.csrf("/editor/articles/" + football);
		HttpResponse<String> confirm = editor.post("/editor/articles/" + football + "/confirm",
				Map.of("_csrf", csrf, "note", "Extra time"));
		assertThat(confirm.body()).contains("Send this alert now?").contains("id=\"confirm-audience\">1<");
		assertThat(TestMail.received()).hasSize(before);
		HttpResponse<String> sent = editor.post("/editor/articles/" + football + "/send",
				Map.of("_csrf", csrf, "note", "Extra time"));
		assertThat(sent.statusCode()).isEqualTo(200);
		assertThat(sent.body()).contains("is being sent to 1 reader(s)");
		assertThat(TestMail.server().waitForIncomingEmail(30_000, before + 1)).isTrue();
	}

	@Test
	void anEditorJudgesATopicsMatchesAndNearMissesOnItsPageAndTheJudgementIsKept(@Autowired Topics topics,
			@Autowired TopicJudgements judgements) throws Exception {
		long russia = topics.findByName("Russia").orElseThrow().id();
		long summit = id("Putin and Kim");
		Site.Client editor = this.site.editor("maria", "s3cret-pass");
		String page = "/editor/topics/" + russia;

		HttpResponse<String> before = editor.get(page);
		assertThat(before.statusCode()).isEqualTo(200);
		assertThat(before.body()).contains("Putin and Kim")
			.contains("id=\"story-" + summit + "\"")
			.contains("About it")
			.contains("Not about it")
			.contains("No judgements yet");
		assertThat(editor.get("/editor/topics").body()).contains("href=\"/editor/topics/" + russia + "\"");

		// a judgement without the page's CSRF token is refused and records nothing
		assertThat(editor.post(page + "/judgements", Map.of("article", summit, "about", "yes")).statusCode())
			.isEqualTo(403);
		assertThat(judgements.of(russia)).isEmpty();

		String csrf = editor.csrf(page);
		HttpResponse<String> judged = editor.post(page + "/judgements",
				Map.of("_csrf", csrf, "article", summit, "about", "yes"));
		assertThat(judged.statusCode()).isEqualTo(302);
		assertThat(judgements.of(russia)).containsExactly(Map.entry(summit, true));
		HttpResponse<String> after = editor.follow(judged);
		assertThat(after.body()).contains("judged about it")
			.contains("estimated precision 1.00, recall 1.00 on 1 judgement(s)")
			.contains("Your judgement of story " + summit + " is recorded.");
		assertThat(this.cli.run("topics", "test", "--topic", "Russia").out()).contains("precision 1.00");

		// what the buttons cannot send is refused with a sentence, and loses nothing
		HttpResponse<String> maybe = editor.post(page + "/judgements",
				Map.of("_csrf", csrf, "article", summit, "about", "maybe"));
		assertThat(maybe.statusCode()).isEqualTo(400);
		assertThat(maybe.body()).contains("A judgement is &quot;yes&quot; or &quot;no&quot;");
		HttpResponse<String> noStory = editor.post(page + "/judgements",
				Map.of("_csrf", csrf, "article", 987654, "about", "no"));
		assertThat(noStory.statusCode()).isEqualTo(400);
		assertThat(noStory.body()).contains("There is no article 987654");
		assertThat(editor.get("/editor/topics/987654").statusCode()).isEqualTo(404);
		assertThat(judgements.of(russia)).containsExactly(Map.entry(summit, true));
	}

	@Test
	void theSubscriberPagesStillNeedTheirCsrfToken() throws Exception {
		Site.Client reader = this.site.browser();
		reader.get("/subscribe");

		HttpResponse<String> forged = reader.post("/subscribe", Map.of("email", "eve@example.net"));

		assertThat(forged.statusCode()).isEqualTo(403);
	}

	private long id(String headlineStart) {
		return Newsroom.articleId(this.articles, headlineStart);
	}

	private HttpResponse<String> post(String json, String authorization) throws Exception {
		return this.site.call("POST", "/api/alerts", json, "Authorization", authorization);
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return this.site.call("GET", path, null, "Authorization", authorization);
	}

}
