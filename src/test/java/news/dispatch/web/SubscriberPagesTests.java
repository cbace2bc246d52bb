package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.subscriber.Frequency;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static news.dispatch.Site.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriber pages over real HTTP against a real SMTP server (GreenMail): sign-up
 * with double opt-in, preferences, and every way a link or a form can be wrong, forged,
 * replayed or abused.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/subscriber-pages", "dispatch.secret=" + Tokens.SECRET,
				"dispatch.digest.lookback-days=100000", "dispatch.web.sign-ups-per-client-per-hour=30",
				"dispatch.web.mails-per-address-per-day=3" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("postgres")
class SubscriberPagesTests {

	static final Path DATA = Path.of("target/test-data/subscriber-pages");

	private static final Pattern LINK = Pattern.compile("https://dispatch\\.example\\.com(/[a-z]+\\?token=[\\w.-]+)");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@BeforeAll
	void newsroom() {
		this.cli.importNewsroom(DATA.resolve("input"));
	}

	@Test
	void signUpMailsAConfirmationLinkWhoseGetChangesNothingAndWhosePostActivates() throws Exception {
		Site.Client reader = this.site.browser();
		HttpResponse<String> form = reader.get("/subscribe");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("name=\"topics\" value=\"Russia\"").contains("<script src=\"/js/zone.js\">");

		HttpResponse<String> answer = subscribe(reader, signUp("fay.ortiz@example.net", "Russia", ""));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("Check your inbox");
		Subscriber fay = this.site.reader("fay.ortiz@example.net");
		assertThat(fay.status()).isEqualTo(SubscriberStatus.PENDING);
		MimeMessage mail = TestMail.awaitReceived("fay.ortiz@example.net", 1).get(0);
		assertThat(mail.getFrom()[0].toString()).isEqualTo("Dispatch <digest@dispatch.example.com>");
		assertThat(mail.getSubject()).contains("Confirm");
		assertThat(mail.getHeader("List-Unsubscribe")).isNull();
		assertThat(TestMail.partTypes(mail)).containsExactly("text/plain", "text/html");
		String confirm = link(mail, "/confirm");

		HttpResponse<String> scanned = this.site.stranger().get(confirm);
		assertThat(scanned.statusCode()).isEqualTo(200);
		assertThat(scanned.body()).contains("<form method=\"post\" action=\"/confirm\"");
		assertThat(status("fay.ortiz@example.net")).isEqualTo("PENDING");

		HttpResponse<String> confirmed = reader.submit(confirm, "/confirm", Map.of("token", token(confirm)));
		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(confirmed.body()).contains("You are subscribed");
		Subscriber active = this.site.reader("fay.ortiz@example.net");
		assertThat(active.status()).isEqualTo(SubscriberStatus.ACTIVE);
		assertThat(active.topics()).containsExactly("Russia");
		assertThat(active.timeZone().getId()).isEqualTo("Europe/London");
		assertThat(active.sendHour()).isEqualTo(6);
		assertThat(active.alerts()).isTrue();
	}

	@Test
	void aSignUpNotConfirmedWithinTheWindowCannotBeConfirmedAndIsForgotten(@Autowired JdbcClient jdbc)
			throws Exception {
		Site.Client reader = this.site.browser();
		subscribe(reader, signUp("lee.late@example.net", "Russia", ""));
		String confirm = link(TestMail.awaitReceived("lee.late@example.net", 1).get(0), "/confirm");
		// the sign-up was made three days ago
		jdbc.sql("update subscriber set created_at = ? where email = ?")
			.params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(3), "lee.late@example.net")
			.update();

		HttpResponse<String> late = reader.submit(confirm, "/confirm", Map.of("token", token(confirm)));

		assertThat(late.statusCode()).isEqualTo(410);
		assertThat(late.body()).contains("This link has expired");
		assertThat(status("lee.late@example.net")).isEqualTo("PENDING");

		// the scheduled housekeeping forgets it
		Cli.Result housekeeping = this.cli.run("housekeeping");
		assertThat(housekeeping.exitCode()).as(housekeeping.err()).isZero();
		assertThat(this.site.findReader("lee.late@example.net")).isEmpty();
		assertThat(reader.get(confirm).statusCode()).isEqualTo(400);
		subscribe(reader, signUp("lee.late@example.net", "Football", ""));
		assertThat(this.site.reader("lee.late@example.net").topics()).containsExactly("Football");
		assertThat(TestMail.awaitReceived("lee.late@example.net", 2)).hasSize(2);
	}

	@Test
	void aConfirmationLinkUsedAgainAfterUnsubscribingDoesNotSubscribeAgain() throws Exception {
		Site.Client reader = this.site.browser();
		subscribe(reader, signUp("gus.lind@example.net", "Football", ""));
		String confirm = link(TestMail.awaitReceived("gus.lind@example.net", 1).get(0), "/confirm");
		reader.submit(confirm, "/confirm", Map.of("token", token(confirm)));
		Subscriber gus = this.site.reader("gus.lind@example.net");
		assertThat(this.site.stranger()
			.post(this.site.unsubscribePage(gus.id()), Map.of("List-Unsubscribe", "One-Click"))
			.statusCode()).isEqualTo(200);

		HttpResponse<String> scanned = reader.get(confirm);
		HttpResponse<String> replayed = reader.submit("/subscribe", "/confirm", Map.of("token", token(confirm)));

		assertThat(scanned.body()).contains("already been used");
		assertThat(replayed.statusCode()).isEqualTo(409);
		assertThat(replayed.body()).contains("already been used");
		assertThat(status("gus.lind@example.net")).isEqualTo("UNSUBSCRIBED");
	}

	@Test
	void forgedAlteredExpiredAndMisusedTokensGetAClearPageOnEveryEndpointAndChangeNothing() throws Exception {
		Subscriber ana = this.site.reader("ana.kovac@example.com");
		Subscriber ben = this.site.reader("ben.adeyemi@example.org");
		Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
		Instant earlier = Instant.now().minus(1, ChronoUnit.MINUTES);
		Site.Client client = this.site.browser();
		for (String action : List.of("unsubscribe", "preferences", "confirm")) {
			String good = Tokens.token(ana.id(), action, later);
			String otherAction = Tokens.token(ana.id(), action.equals("confirm") ? "preferences" : "confirm", later);
			String otherSubscriber = Tokens.token(ben.id(), action, later).split("\\.")[0] + "." + good.split("\\.")[1];
			String lengthened = Tokens.token(ana.id(), action, later.plus(3650, ChronoUnit.DAYS)).split("\\.")[0] + "."
					+ good.split("\\.")[1];
			Map<String, String> invalid = new LinkedHashMap<>();
			invalid.put("missing", "");
			invalid.put("nonsense", "nonsense");
			invalid.put("altered signature", good.substring(0, good.length() - 2) + "xx");
			invalid.put("another subscriber's payload", otherSubscriber);
			invalid.put("a later expiry", lengthened);
			invalid.put("another action", otherAction);
			invalid.put("another server's secret",
					"MS51bnN1YnNjcmliZS45OTk5OTk5OTk5.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
			for (Map.Entry<String, String> token : invalid.entrySet()) {
				for (HttpResponse<String> response : both(client, "/" + action, token.getValue())) {
					assertThat(response.statusCode()).as(action + ", " + token.getKey()).isEqualTo(400);
					assertThat(response.body()).as(action + ", " + token.getKey()).contains("This link is not valid");
				}
			}
			if (action.equals("unsubscribe")) {
				// an unsubscribe link never expires (UnsubscribeTests)
				continue;
			}
			for (HttpResponse<String> response : both(client, "/" + action, Tokens.token(ana.id(), action, earlier))) {
				assertThat(response.statusCode()).as(action + ", expired").isEqualTo(410);
				assertThat(response.body()).contains("This link has expired").contains("action=\"/link\"");
			}
		}
		Subscriber after = this.site.reader("ana.kovac@example.com");
		assertThat(after).isEqualTo(ana);
		assertThat(this.site.reader(ben.id())).isEqualTo(ben);
	}

	@Test
	void anUnsubscribeLinkSignedBeforeLinksHadAnExpiryStillUnsubscribes() throws Exception {
		Subscriber ben = this.site.reader("ben.adeyemi@example.org");
		Site.Client mailProvider = this.site.stranger();

		HttpResponse<String> oldPreferences = mailProvider
			.get("/preferences?token=" + Tokens.sign(ben.id() + ".preferences"));
		HttpResponse<String> oldUnsubscribe = mailProvider.post(
				"/unsubscribe?token=" + Tokens.sign(ben.id() + ".unsubscribe"),
				Map.of("List-Unsubscribe", "One-Click"));

		assertThat(oldPreferences.statusCode()).isEqualTo(410);
		assertThat(oldUnsubscribe.statusCode()).isEqualTo(200);
		assertThat(status("ben.adeyemi@example.org")).isEqualTo("UNSUBSCRIBED");
	}

	@Test
	void anExpiredLinkOffersAFreshOneAndAnswersTheSameForAnyAddress() throws Exception {
		Site.Client reader = this.site.browser();
		String expired = "/preferences?token=" + Tokens.token(this.site.reader("chloe.martin@example.com").id(),
				"preferences", Instant.now().minusSeconds(5));
		HttpResponse<String> known = reader.submit(expired, "/link", Map.of("email", "chloe.martin@example.com"));
		HttpResponse<String> unknown = reader.submit(expired, "/link", Map.of("email", "nobody.here@example.net"));

		assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
		assertThat(known.body().replace("chloe.martin@example.com", "X"))
			.isEqualTo(unknown.body().replace("nobody.here@example.net", "X"));
		String fresh = link(TestMail.awaitReceived("chloe.martin@example.com", 1).get(0), "/preferences");
		assertThat(reader.get(fresh).body()).contains("Your preferences").contains("chloe.martin@example.com");
	}

	@Test
	void theReadersPageChangesTheirChoicesAndAPauseKeepsTheirDigestAwayUntilTheDay() throws Exception {
		Site.Client reader = this.site.browser();
		Subscriber dev = this.site.reader("dev.sharma@example.org");
		String page = this.site.preferencesPage(dev.id());
		HttpResponse<String> shown = reader.get(page);
		assertThat(shown.body()).contains("value=\"Football\" checked").contains("Unsubscribe</a>");

		Map<String, Object> changes = new LinkedHashMap<>(signUp("", "Russia", "kim OR pyongyang"));
		changes.remove("email");
		changes.put("token", token(page));
		changes.put("frequency", "DAILY");
		changes.put("pausedUntil", "2033-01-10");
		HttpResponse<String> saved = reader.submit(page, "/preferences", changes);

		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("Your preferences are saved");
		Subscriber changed = this.site.reader(dev.id());
		assertThat(changed.topics()).containsExactly("Russia");
		assertThat(changed.keywords()).isEqualTo("kim OR pyongyang");
		assertThat(changed.pausedUntil()).isEqualTo(LocalDate.of(2033, 1, 10));
		assertThat(changed.status()).isEqualTo(SubscriberStatus.ACTIVE);

		assertThat(this.cli.run("digest", "--date", "2033-01-03", "--quiet").exitCode()).isZero();
		assertThat(TestMail.awaitReceived("ana.kovac@example.com", 1)).isNotEmpty();
		assertThat(TestMail.received("dev.sharma@example.org")).isEmpty();
		assertThat(this.cli.run("digest", "--date", "2033-01-10", "--quiet").exitCode()).isZero();
		assertThat(TestMail.awaitReceived("dev.sharma@example.org", 1)).hasSize(1);
	}

	@Test
	void invalidInputShowsTheFormAgainWithTheProblemAndStoresNothing() throws Exception {
		Site.Client reader = this.site.browser();
		Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
		cases.put("is not an email address", signUp("not-an-address", "Russia", ""));
		cases.put("column 7", signUp("kw@example.net", "Russia", "putin \"sanctions"));
		cases.put("There is no topic \"Astrology\"", signUp("topic@example.net", "Astrology", ""));
		Map<String, Object> hour = signUp("hour@example.net", "Russia", "");
		hour.put("sendHour", "25");
		cases.put("the send hour \"25\"", hour);
		Map<String, Object> zone = signUp("zone@example.net", "Russia", "");
		zone.put("timeZone", "Mars/Olympus_Mons");
		cases.put("Mars/Olympus_Mons", zone);

		for (Map.Entry<String, Map<String, Object>> bad : cases.entrySet()) {
			HttpResponse<String> answer = subscribe(reader, bad.getValue());
			assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
			assertThat(answer.body()).as(bad.getKey())
				.contains("role=\"alert\"")
				.containsIgnoringCase(bad.getKey().replace("\"", "&quot;"))
				.contains("<form method=\"post\" action=\"/subscribe\"");
			assertThat(this.site.findReader(String.valueOf(bad.getValue().get("email")))).isEmpty();
		}
		HttpResponse<String> markup = subscribe(reader,
				signUp("<b>x@example.net", "Russia", "\"<script>alert(1)</script>"));
		assertThat(markup.statusCode()).isEqualTo(400);
		assertThat(markup.body()).doesNotContain("<b>x").doesNotContain("<script>alert").contains("&lt;b&gt;x");
	}

	@Test
	void aSignUpForAKnownAddressGetsTheSameAnswerAndChangesNothing() throws Exception {
		Subscriber erin = this.site.reader("erin.cole@example.com");
		Site.Client reader = this.site.browser();

		HttpResponse<String> known = subscribe(reader, signUp("erin.cole@example.com", "Russia", "putin"));
		HttpResponse<String> unknown = subscribe(reader, signUp("hal.new@example.net", "Russia", "putin"));

		assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
		assertThat(known.body().replace("erin.cole@example.com", "X"))
			.isEqualTo(unknown.body().replace("hal.new@example.net", "X"));
		assertThat(this.site.reader(erin.id())).isEqualTo(erin);
		MimeMessage mail = TestMail.awaitReceived("erin.cole@example.com", 1).get(0);
		assertThat(text(mail)).contains("/preferences?token=").doesNotContain("/confirm?token=");
	}

	@Test
	void oneAddressIsSentAtMostThreeMailsADayHoweverOftenItIsSignedUp() throws Exception {
		Site.Client reader = this.site.browser();
		for (int i = 0; i < 5; i++) {
			assertThat(subscribe(reader, signUp("ivy.flood@example.net", "Russia", "")).statusCode()).isEqualTo(200);
		}
		assertThat(TestMail.awaitReceived("ivy.flood@example.net", 3)).hasSize(3);
		Thread.sleep(1500);
		assertThat(TestMail.received("ivy.flood@example.net")).hasSize(3);
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefusedButTheOneClickUnsubscribeNeedsNone() throws Exception {
		Site.Client mailProvider = this.site.stranger();
		Map<String, Object> fields = signUp("jo.csrf@example.net", "Russia", "");
		fields.remove("_csrf");
		assertThat(mailProvider.post("/subscribe", fields).statusCode()).isEqualTo(403);
		assertThat(this.site.findReader("jo.csrf@example.net")).isEmpty();
		Subscriber chloe = this.site.reader("chloe.martin@example.com");
		String preferences = this.site.preferencesPage(chloe.id());
		assertThat(mailProvider.post("/preferences", Map.of("token", token(preferences), "frequency", "NONE"))
			.statusCode()).isEqualTo(403);
		assertThat(this.site.reader(chloe.id()).frequency()).isEqualTo(Frequency.WEEKLY);

		HttpResponse<String> oneClick = mailProvider.post(this.site.unsubscribePage(chloe.id()),
				Map.of("List-Unsubscribe", "One-Click"));

		assertThat(oneClick.statusCode()).isEqualTo(200);
		assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(status("chloe.martin@example.com")).isEqualTo("UNSUBSCRIBED");
	}

	@Test
	void pagesCarrySecurityHeadersAndTheOperatorPartIsClosedWithoutAnOperator() throws Exception {
		Site.Client client = this.site.stranger();
		HttpResponse<String> page = client.get("/subscribe");

		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-inline"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"");
		assertThat(client.get("/css/dispatch.css").statusCode()).isEqualTo(200);
		assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(client.get("/actuator/prometheus").statusCode()).isEqualTo(401);
	}

	static Map<String, Object> signUp(String email, String topic, String keywords) throws Exception {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("email", email);
		fields.put("topics", List.of(topic));
		fields.put("keywords", keywords);
		fields.put("frequency", "DAILY");
		fields.put("sendHour", "6");
		fields.put("timeZone", "Europe/London");
		fields.put("alerts", "true");
		return fields;
	}

	static HttpResponse<String> subscribe(Site.Client reader, Map<String, Object> fields) throws Exception {
		return reader.submit("/subscribe", "/subscribe", fields);
	}

	private List<HttpResponse<String>> both(Site.Client client, String path, String token) throws Exception {
		return List.of(client.get(path + "?token=" + token),
				client.submit("/subscribe", path, Map.of("token", token, "List-Unsubscribe", "One-Click")));
	}

	private String status(String email) {
		return this.site.reader(email).status().name();
	}

	private static String link(MimeMessage mail, String path) throws Exception {
		Matcher matcher = LINK.matcher(text(mail));
		while (matcher.find()) {
			if (matcher.group(1).startsWith(path + "?")) {
				return matcher.group(1);
			}
		}
		throw new AssertionError("no " + path + " link in " + text(mail));
	}

	private static String text(MimeMessage mail) throws Exception {
		return (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
	}

}
