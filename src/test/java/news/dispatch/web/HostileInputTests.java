package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.TestPasswords;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.article.Articles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static news.dispatch.web.SubscriberPagesTests.signUp;
import static news.dispatch.web.SubscriberPagesTests.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form and API field of {@code dispatch serve} given what an attacker or a careless
 * script sends: values past every limit, 20,000 nested parentheses, a megabyte of
 * keywords, addresses at IP literals and bad domains, unknown and malformed ids. Each is
 * refused with a message naming the field on the page it came from (or the API's JSON),
 * never a 500 or a stack trace; error pages are the site's own and usable on a phone.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/hostile-input", "dispatch.secret=" + Tokens.SECRET,
				"dispatch.web.sign-ups-per-client-per-hour=1000", "dispatch.web.mails-per-address-per-day=100",
				"dispatch.editors.users.maria=" + TestPasswords.S3CRET_PASS,
				"dispatch.editors.tokens[0]=" + HostileInputTests.TOKEN })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

	static final String TOKEN = "0123456789abcdef0123456789abcdef";

	static final Path DATA = Path.of("target/test-data/hostile-input");

	private static final String NESTED = "(".repeat(20_000) + "putin" + ")".repeat(20_000);

	@Autowired
	Site site;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	void newsroom(@Autowired Cli cli) {
		cli.importNewsroom(DATA.resolve("input"));
	}

	/**
	 * A field, what is sent in it, and what the page must say about it.
	 */
	record Hostile(String field, Object value, String says) {
	}

	private static final List<Hostile> CHOICES = List.of(
			new Hostile("keywords", "putin ".repeat(700), "characters long"),
			new Hostile("keywords", NESTED, "characters long"),
			new Hostile("keywords", "(".repeat(400) + "putin" + ")".repeat(400), "nest more than"),
			new Hostile("keywords", "((putin", "not a valid query"),
			new Hostile("topics", List.of("Nowhere"), "There is no topic"),
			new Hostile("frequency", "hourly" + "x".repeat(300), "is not daily, weekly or none"),
			new Hostile("sendHour", "99999999999999999999999", "from 0 to 23"),
			new Hostile("timeZone", "Mars/Olympus_Mons" + "x".repeat(2000), "IANA"),
			new Hostile("weeklyDay", "Funday", "is not a day like monday"),
			new Hostile("weeklyDay", "Monday" + "x".repeat(2000), "Choose the day of your weekly digest"),
			new Hostile("pausedUntil", "tomorrow'; drop table subscriber;--", "is not a date"));

	@Test
	void theSignUpFormRefusesEveryHostileValueBesideItsField() throws Exception {
		Site.Client reader = this.site.browser();
		// the sign-up form has no pause
		List<Hostile> all = new java.util.ArrayList<>(
				CHOICES.stream().filter((hostile) -> !hostile.field().equals("pausedUntil")).toList());
		all.add(new Hostile("email", "a@-example.com", "is not an email address"));
		all.add(new Hostile("email", "a@[127.0.0.1]", "IP address"));
		all.add(new Hostile("email", "a@localhost", "is not an email address"));
		all.add(new Hostile("email", "x".repeat(300) + "@example.com", "at most 254"));
		all.add(new Hostile("email", "<script>alert(1)</script>@example.com", "is not an email address"));
		for (Hostile hostile : all) {
			Map<String, Object> fields = signUp("hostile@example.net", "Russia", "");
			fields.put(hostile.field(), hostile.value());

			HttpResponse<String> answer = subscribe(reader, fields);

			assertThat(answer.statusCode()).as(hostile.field() + " " + abbreviated(hostile.value())).isEqualTo(400);
			assertThat(answer.body()).as(hostile.field())
				.contains("id=\"" + hostile.field() + "-error\"")
				.contains(hostile.says())
				.contains("<form method=\"post\" action=\"/subscribe\"")
				.doesNotContain("<script>alert");
		}
		assertThat(this.site.findReader("hostile@example.net")).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from subscriber where email like '%127.0.0.1%'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void thePreferencesFormRefusesEveryHostileValueAndKeepsTheChoices() throws Exception {
		long ana = this.site.reader("ana.kovac@example.com").id();
		String page = this.site.preferencesPage(ana);
		Site.Client reader = this.site.browser();
		String keywordsBefore = this.site.reader(ana).keywords();
		for (Hostile hostile : CHOICES) {
			Map<String, Object> fields = signUp("ignored@example.net", "Russia", "");
			fields.remove("email");
			fields.put(hostile.field(), hostile.value());
			fields.put("token", Site.token(page));

			HttpResponse<String> answer = reader.submit(page, "/preferences", fields);

			assertThat(answer.statusCode()).as(hostile.field()).isEqualTo(400);
			assertThat(answer.body()).as(hostile.field())
				.contains("id=\"" + hostile.field() + "-error\"")
				.contains(hostile.says())
				.contains("<form method=\"post\" action=\"/preferences\"");
		}
		assertThat(this.site.reader(ana).keywords()).isEqualTo(keywordsBefore);
	}

	@Test
	void aMegabyteOfKeywordsIsRefusedBeforeItIsReadWithTheSitesOwnPage() throws Exception {
		Map<String, Object> fields = signUp("big@example.net", "Russia", "putin ".repeat(200_000));

		HttpResponse<String> answer = this.site.stranger().post("/subscribe", fields);

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.body()).contains("What you sent is too large")
			.contains("name=\"viewport\"")
			.contains("/css/dispatch.css")
			.doesNotContain("Whitelabel");
		assertThat(this.site.findReader("big@example.net")).isEmpty();
	}

	@Test
	void anInternationalDomainAndItsPunycodeAreOneReader() throws Exception {
		Site.Client reader = this.site.browser();

		HttpResponse<String> first = subscribe(reader, signUp("Zoe@Exämple.com", "Russia", ""));
		HttpResponse<String> second = subscribe(reader, signUp("zoe@xn--exmple-cua.com", "Russia", ""));

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(this.jdbc.sql("select email from subscriber where email like 'zoe@%'").query(String.class).list())
			.containsExactly("zoe@xn--exmple-cua.com");
		assertThat(this.site.findReader("zoe@exämple.com")).isPresent();
	}

	@Test
	void aFormWhoseCsrfTokenIsRefusedComesBackFilledInAndSavesNothing() throws Exception {
		Site.Client reader = this.site.browser();
		Map<String, Object> fields = signUp("late@example.net", "Russia", "wind farm");
		fields.put("_csrf", "a-token-from-a-session-long-gone");

		HttpResponse<String> answer = reader.post("/subscribe", fields);

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).contains("open for too long")
			.contains("value=\"late@example.net\"")
			.contains("value=\"wind farm\"")
			.contains("name=\"_csrf\"");
		assertThat(this.site.findReader("late@example.net")).isEmpty();
		// the form it gave back works
		Map<String, Object> given = new LinkedHashMap<>(fields);
		given.put("_csrf", Site.Client.csrfOf(answer.body(), "the form given back"));
		HttpResponse<String> again = reader.post("/subscribe", given);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.site.findReader("late@example.net")).isPresent();
	}

	@Test
	void errorPagesAreTheSitesOwnAndFitAPhone() throws Exception {
		Site.Client anyone = this.site.stranger();
		for (String path : List.of("/no-such-page", "/editor/articles/not-a-number", "/api/alerts/../../etc")) {
			HttpResponse<String> page = anyone.get(path);

			// the editor's pages send a stranger to the login first
			assertThat(page.statusCode()).as(path).isIn(302, 400, 401, 404);
			if (page.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
				assertThat(page.body()).as(path)
					.contains("name=\"viewport\"")
					.contains("/css/dispatch.css")
					.doesNotContain("Whitelabel")
					.doesNotContain("Exception");
			}
		}
		HttpResponse<String> missing = anyone.get("/no-such-page");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("There is no such page");
	}

	@Test
	void theEditorPageRefusesAHeadlineOrNoteTooLongOnThePreview(@Autowired Articles articles) throws Exception {
		long summit = Newsroom.articleId(articles, "Putin and Kim");
		Site.Client editor = this.site.editor("maria", "s3cret-pass");

		HttpResponse<String> headline = editor.get("/editor/articles/" + summit + "?headline=" + "H".repeat(1001));
		String csrf = editor.csrf("/editor/articles/" + summit);
		HttpResponse<String> note = editor.post("/editor/articles/" + summit + "/confirm",
				Map.of("_csrf", csrf, "note", "N".repeat(2001)));
		HttpResponse<String> send = editor.post("/editor/articles/" + summit + "/send",
				Map.of("_csrf", csrf, "headline", "H".repeat(5000)));

		assertThat(headline.statusCode()).isEqualTo(400);
		assertThat(headline.body()).contains("The headline is 1001 characters long").contains("id=\"headline\"");
		assertThat(note.statusCode()).isEqualTo(400);
		assertThat(note.body()).contains("The note is 2001 characters long");
		assertThat(send.statusCode()).isEqualTo(400);
		assertThat(send.body()).contains("The headline is 5000 characters long");
		assertThat(this.jdbc.sql("select count(*) from alert_request").query(Integer.class).single()).isZero();
	}

	@Test
	void theApiRefusesHostileCallsWithJsonThatSaysWhy(@Autowired Articles articles) throws Exception {
		long summit = Newsroom.articleId(articles, "Putin and Kim");

		Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
		answers.put("long headline", api("POST", "/api/alerts",
				"{\"article\": " + summit + ", \"dryRun\": true, \"headline\": \"" + "H".repeat(1001) + "\"}"));
		answers.put("long note",
				api("POST", "/api/alerts", "{\"article\": " + summit + ", \"note\": \"" + "N".repeat(2001) + "\"}"));
		answers.put("article as text", api("POST", "/api/alerts", "{\"article\": \"twelve\"}"));
		answers.put("not JSON", api("POST", "/api/alerts", "article=12"));
		answers.put("nested JSON", api("POST", "/api/alerts", "[".repeat(20_000)));
		answers.put("unknown id", api("GET", "/api/alerts/99999", null));
		answers.put("id not a number", api("GET", "/api/alerts/abc", null));
		answers.put("a megabyte", api("POST", "/api/alerts", "{\"note\": \"" + "N".repeat(1_000_000) + "\"}"));

		assertThat(answers.get("long headline").statusCode()).isEqualTo(400);
		assertThat(answers.get("long headline").body()).contains("The headline is 1001 characters long");
		assertThat(answers.get("long note").statusCode()).isEqualTo(400);
		assertThat(answers.get("article as text").statusCode()).isEqualTo(400);
		assertThat(answers.get("article as text").body()).contains("article as a number");
		assertThat(answers.get("not JSON").statusCode()).isIn(400, 415);
		assertThat(answers.get("nested JSON").statusCode()).isEqualTo(400);
		assertThat(answers.get("unknown id").statusCode()).isEqualTo(404);
		assertThat(answers.get("unknown id").body()).contains("There is no article 99999");
		assertThat(answers.get("id not a number").statusCode()).isEqualTo(400);
		assertThat(answers.get("a megabyte").statusCode()).isEqualTo(413);
		answers.forEach((what,
				answer) -> assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("\tat "));
		assertThat(this.jdbc.sql("select count(*) from alert_request").query(Integer.class).single()).isZero();
	}

	private HttpResponse<String> api(String method, String path, String json) throws Exception {
		return this.site.call(method, path, json, "Authorization", "Bearer " + TOKEN, "Accept", "application/json");
	}

	private static String abbreviated(Object value) {
		String text = String.valueOf(value);
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

}
