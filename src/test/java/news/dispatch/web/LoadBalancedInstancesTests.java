package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.ChildJvms;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.TestPasswords;
import news.dispatch.article.Articles;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static news.dispatch.web.SubscriberPagesTests.signUp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code dispatch serve} processes on one database behind a round-robin proxy with no
 * stickiness: every form is served by one instance and posted to the other, and sign-up,
 * confirmation, preferences and the editor's login, preview and send all work; the
 * sign-up limit holds for both together.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/load-balanced" })
@Tag("postgres")
class LoadBalancedInstancesTests {

	static final Path DATA = Path.of("target/test-data/load-balanced").toAbsolutePath();

	private static final Pattern LINK = Pattern.compile("https://dispatch\\.example\\.com(/[a-z]+\\?token=[\\w.-]+)");

	private static final Pattern SERVING = Pattern.compile("serving on http://localhost:(\\d+)");

	private static final int SIGN_UPS_PER_HOUR = 6;

	@RegisterExtension
	static final ChildJvms instances = new ChildJvms(DATA.resolve("logs"));

	@Autowired
	Cli cli;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Articles articles;

	@Test
	void everyFormServedByOneInstanceWorksWhenPostedToTheOther() throws Exception {
		this.cli.importNewsroom(DATA.resolve("input"));
		TestMail.purge();
		List<ChildJvms.Child> serves = List.of(serve("serve-a"), serve("serve-b"));
		List<Integer> ports = new ArrayList<>();
		for (ChildJvms.Child serve : serves) {
			ports.add(Integer.parseInt(serve.awaitOutput(SERVING, Duration.ofMinutes(4)).group(1)));
		}
		try (RoundRobinProxy proxy = new RoundRobinProxy(ports)) {
			Site.Client reader = Site.Client.browserAt(proxy.port());

			// sign-up: the form from one instance, the post to the other
			HttpResponse<String> signedUp = reader.submit("/subscribe", "/subscribe",
					signUp("lb.reader@example.net", "Russia", ""));
			assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(200);
			assertThat(signedUp.body()).contains("Check your inbox");

			// confirm
			String confirm = link(TestMail.awaitReceived("lb.reader@example.net", 1).get(0), "/confirm");
			HttpResponse<String> confirmed = reader.submit(confirm, "/confirm", Map.of("token", Site.token(confirm)));
			assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
			assertThat(this.subscribers.findByEmail("lb.reader@example.net").orElseThrow().status())
				.isEqualTo(SubscriberStatus.ACTIVE);

			// preferences
			String preferences = local(confirmed.body());
			Map<String, Object> change = new java.util.LinkedHashMap<>(signUp("", "Russia", "wind farm"));
			change.remove("email");
			change.put("token", Site.token(preferences));
			HttpResponse<String> saved = reader.submit(preferences, "/preferences", change);
			assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
			assertThat(saved.body()).contains("Your preferences are saved");
			assertThat(this.subscribers.findByEmail("lb.reader@example.net").orElseThrow().keywords())
				.isEqualTo("wind farm");

			// the editor: log in on one, preview on the other, confirm and send
			long summit = Newsroom.articleId(this.articles, "Putin and Kim");
			Site.Client editor = Site.Client.browserAt(proxy.port());
			assertThat(editor.logIn("maria", "s3cret-pass")).endsWith("/editor");
			HttpResponse<String> preview = editor.get("/editor/articles/" + summit);
			assertThat(preview.statusCode()).isEqualTo(200);
			assertThat(preview.body()).contains("Putin and Kim");
			String csrf = editor.csrf("/editor/articles/" + summit);
			HttpResponse<String> sure = editor.post("/editor/articles/" + summit + "/confirm",
					Map.of("_csrf", csrf, "note", "Across instances"));
			assertThat(sure.body()).contains("Send this alert now?");
			HttpResponse<String> sent = editor.post("/editor/articles/" + summit + "/send",
					Map.of("_csrf", csrf, "note", "Across instances"));
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
			assertThat(sent.body()).contains("is being sent to");
			assertThat(TestMail.awaitReceived("ana.kovac@example.com", 1).get(0).getSubject())
				.startsWith("BREAKING: Putin and Kim");

			// the sign-up limit holds for both instances together
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 2 * SIGN_UPS_PER_HOUR; i++) {
				Site.Client another = Site.Client.browserAt(proxy.port());
				statuses
					.add(another.submit("/subscribe", "/subscribe", signUp("many" + i + "@example.net", "Russia", ""))
						.statusCode());
			}
			assertThat(statuses.stream().filter((status) -> status == 200).count()).isEqualTo(SIGN_UPS_PER_HOUR - 1);
			assertThat(statuses.stream().filter((status) -> status == 429).count()).isEqualTo(SIGN_UPS_PER_HOUR + 1);
		}
	}

	private static ChildJvms.Child serve(String name) {
		return instances.dispatch(name,
				List.of("serve", "--server.port=0", "--dispatch.data-dir=" + DATA, "--dispatch.secret=" + Tokens.SECRET,
						"--dispatch.jobs-dir=" + DATA.resolve("no-jobs"), "--dispatch.schedule.enabled=false",
						"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + TestMail.server().getSmtp().getPort(),
						"--dispatch.alert.quiet-from=", "--dispatch.alert.quiet-until=",
						"--dispatch.editors.users.maria=" + TestPasswords.S3CRET_PASS,
						"--dispatch.web.sign-ups-per-client-per-hour=" + SIGN_UPS_PER_HOUR));
	}

	private static String link(MimeMessage mail, String path) throws Exception {
		Matcher matcher = LINK.matcher(TestMail.part(mail, "text/plain"));
		while (matcher.find()) {
			if (matcher.group(1).startsWith(path + "?")) {
				return matcher.group(1);
			}
		}
		throw new AssertionError("no " + path + " link in the mail");
	}

	private static String local(String page) {
		Matcher matcher = Pattern.compile("href=\"(/preferences\\?token=[\\w.-]+)\"").matcher(page);
		assertThat(matcher.find()).as("a link to the preferences in " + page).isTrue();
		return matcher.group(1);
	}

}
