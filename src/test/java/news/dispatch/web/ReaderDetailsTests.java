package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.subscriber.Frequency;
import news.dispatch.subscriber.ReaderChanges;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's page as a preference center, over real HTTP against GreenMail: a new name
 * at once, a new address only once confirmed from it, the weekday of a weekly digest, the
 * right words for a reader of alerts only, a reason on leaving, and the privacy notice.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/reader-details", "dispatch.secret=" + Tokens.SECRET,
				"dispatch.digest.lookback-days=100000", "dispatch.web.sign-ups-per-client-per-hour=50" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("postgres")
class ReaderDetailsTests {

	static final Path DATA = Path.of("target/test-data/reader-details");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Autowired
	ReaderChanges changes;

	@BeforeAll
	void newsroom() throws Exception {
		ReaderPages.newsroom(this.cli, DATA);
	}

	@Test
	void aNewAddressTakesEffectOnlyOnceConfirmedFromItAndTheOldOneReceivesUntilThen() throws Exception {
		// given: ana on her page
		OnPage ana = OnPage.open(this.site, "ana");

		// when: she gives a new name and a new address, typed her own way
		HttpResponse<String> saved = ana.post("/preferences/details", "name", " Ana  Kovač ", "email",
				"  Ana.Moved@EXAMPLE.net ");

		// then: the name is hers at once; the address waits for the link mailed to it
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("We have sent a link to ana.moved@example.net")
			.contains("Until then, mail goes to ana@example.com")
			.contains("Waiting for you to confirm ana.moved@example.net");
		Subscriber waiting = this.site.reader(ana.id());
		assertThat(waiting.name()).isEqualTo("Ana Kovač");
		assertThat(waiting.email()).isEqualTo("ana@example.com");
		assertThat(waiting.newEmail()).isEqualTo("ana.moved@example.net");
		MimeMessage mail = TestMail.awaitReceived("ana.moved@example.net", 1).get(0);
		assertThat(mail.getSubject()).contains("Confirm your new address");
		assertThat(mail.getHeader("List-Unsubscribe")).isNull();
		String confirm = ReaderPages.link(mail, "/address");

		// and: until she confirms, her digest goes to the old address
		ReaderPages.story(this.cli, DATA, "Ferry timetable changes",
				"From June the morning ferry leaves the harbour at six, an hour earlier, the operator said.");
		int before = TestMail.received("ana@example.com").size();
		assertThat(this.cli.run("digest", "--date", "2033-02-01", "--quiet").exitCode()).isZero();
		assertThat(TestMail.awaitReceived("ana@example.com", before + 1)).hasSize(before + 1);
		assertThat(TestMail.received("ana.moved@example.net")).hasSize(1);

		// when: a mail scanner follows the link, then she presses the button
		HttpResponse<String> scanned = this.site.stranger().get(confirm);
		assertThat(scanned.statusCode()).isEqualTo(200);
		assertThat(scanned.body()).contains("<form method=\"post\" action=\"/address\"");
		assertThat(this.site.reader(ana.id()).email()).isEqualTo("ana@example.com");
		HttpResponse<String> confirmed = ana.browser()
			.post("/address", java.util.Map.of("token", Site.token(confirm), "_csrf", ana.browser().csrf(confirm)));

		// then: the new address is hers, and the change is in her history
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Your address is changed").contains("ana.moved@example.net");
		Subscriber moved = this.site.reader(ana.id());
		assertThat(moved.email()).isEqualTo("ana.moved@example.net");
		assertThat(moved.newEmail()).isNull();
		assertThat(moved.status()).isEqualTo(SubscriberStatus.ACTIVE);
		assertThat(this.changes.of(ana.id())).extracting(ReaderChanges.ReaderChange::kind)
			.containsExactly(ReaderChanges.NAME, ReaderChanges.ADDRESS_ASKED, ReaderChanges.ADDRESS);
		assertThat(ana.browser().get(confirm).statusCode()).as("the link used again").isEqualTo(400);
	}

	@Test
	void anAddressAnotherSubscriptionHasIsRefusedWithoutSayingWhoseAndNothingChanges() throws Exception {
		OnPage ben = OnPage.open(this.site, "ben");

		HttpResponse<String> taken = ben.post("/preferences/details", "name", "Benjamin", "email", "CY@example.com");

		assertThat(taken.statusCode()).isEqualTo(400);
		assertThat(taken.body()).contains("role=\"alert\"")
			.contains("already has a subscription of its own")
			.contains("value=\"Benjamin\"")
			.doesNotContain("Reader CY");
		assertThat(this.site.reader(ben.id())).isEqualTo(ben.reader());
		assertThat(TestMail.received("cy@example.com")).isEmpty();

		// bad input: the form again with the problem beside the field, nothing kept
		for (String[] bad : new String[][] { { "email", "ben@[127.0.0.1]", "IP address" },
				{ "email", "ben@-example.com", "is not an email address" },
				{ "name", "B".repeat(101), "keep it to 100" }, { "name", "Ben\u0000", "control character" } }) {
			String name = bad[0].equals("name") ? bad[1] : "Ben";
			String email = bad[0].equals("email") ? bad[1] : "ben@example.com";
			HttpResponse<String> answer = ben.post("/preferences/details", "name", name, "email", email);
			assertThat(answer.statusCode()).as(bad[1]).isEqualTo(400);
			assertThat(answer.body()).as(bad[1]).contains("id=\"" + bad[0] + "-error\"").contains(bad[2]);
			assertThat(this.site.reader(ben.id())).as(bad[1]).isEqualTo(ben.reader());
		}
	}

	@Test
	void anAddressTakenBeforeItsLinkIsUsedIsRefusedThenAndTheReaderKeepsTheirs() throws Exception {
		OnPage cy = OnPage.open(this.site, "cy");
		cy.post("/preferences/details", "name", "Cy", "email", "cy.new@example.net");
		String confirm = ReaderPages.link(TestMail.awaitReceived("cy.new@example.net", 1).get(0), "/address");
		// someone signs the address up in the meantime
		SubscriberPagesTests.subscribe(cy.browser(), SubscriberPagesTests.signUp("cy.new@example.net", "Harbour", ""));

		HttpResponse<String> late = cy.browser()
			.post("/address", java.util.Map.of("token", Site.token(confirm), "_csrf", cy.browser().csrf(confirm)));

		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(late.body()).contains("already has a subscription of its own");
		assertThat(this.site.reader(cy.id()).email()).isEqualTo("cy@example.com");
	}

	@Test
	void aWeeklyReaderChoosesTheDayTheirDigestComes() throws Exception {
		OnPage dee = OnPage.open(this.site, "dee");
		assertThat(dee.view().body()).contains("<select id=\"weeklyDay\" name=\"weeklyDay\">")
			.contains("Monday (our usual day)");

		HttpResponse<String> wrong = dee.post("/preferences",
				ReaderPages.choices("frequency", "WEEKLY", "weeklyDay", "Funday"));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("id=\"weeklyDay-error\"").contains("Funday");
		HttpResponse<String> saved = dee.post("/preferences",
				ReaderPages.choices("frequency", "WEEKLY", "weeklyDay", "WEDNESDAY"));

		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("You get a digest every Wednesday at 07:00 (UTC)")
			.contains("<option value=\"WEDNESDAY\" selected>");
		Subscriber weekly = this.site.reader(dee.id());
		assertThat(weekly.frequency()).isEqualTo(Frequency.WEEKLY);
		assertThat(weekly.weeklyDay()).isEqualTo(DayOfWeek.WEDNESDAY);
		// 2033-03-07 is a Monday, the usual day; 2033-03-09 a Wednesday. Ben, daily, gets
		// Monday's: it went out
		ReaderPages.story(this.cli, DATA, "New lighthouse opens",
				"A lighthouse built by volunteers on the north pier now guides boats into the harbour at night.");
		int bens = TestMail.received("ben@example.com").size();
		int dees = TestMail.received("dee@example.com").size();
		assertThat(this.cli.run("digest", "--date", "2033-03-07", "--quiet").exitCode()).isZero();
		assertThat(TestMail.awaitReceived("ben@example.com", bens + 1)).hasSize(bens + 1);
		assertThat(TestMail.received("dee@example.com")).hasSize(dees);
		assertThat(this.cli.run("digest", "--date", "2033-03-09", "--quiet").exitCode()).isZero();
		assertThat(TestMail.awaitReceived("dee@example.com", dees + 1)).hasSize(dees + 1);
	}

	@Test
	void aReaderOfAlertsOnlyIsToldTheyGetAlertsNotADigest() throws Exception {
		OnPage eve = OnPage.open(this.site, "eve");
		assertThat(eve.view().body()).contains("You get a digest every day at 07:00 (UTC), and breaking-news");

		HttpResponse<String> saved = eve.post("/preferences", ReaderPages.choices("frequency", "NONE"));

		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("You get breaking-news alerts on your topics only: no digest.")
			.contains("No alerts before")
			.doesNotContain("your digest")
			.doesNotContain("a digest every");
		String unsubscribe = this.site.unsubscribePage(eve.id());
		assertThat(eve.browser().get(unsubscribe).body()).contains("your breaking-news alerts")
			.doesNotContain("digests and alerts");
	}

	@Test
	void aReasonGivenOnLeavingIsKeptUpToItsLimitAndOperatorsReadIt() throws Exception {
		Subscriber fay = this.site.reader("fay@example.com");
		String unsubscribe = this.site.unsubscribePage(fay.id());
		Site.Client browser = this.site.browser();
		assertThat(browser.get(unsubscribe).body()).contains("<textarea id=\"reason\" name=\"reason\"")
			.contains("maxlength=\"500\"");
		String reason = "Too much harbour news.\n" + "x".repeat(600);

		HttpResponse<String> left = browser.post(unsubscribe, java.util.Map.of("reason", reason));

		assertThat(left.statusCode()).isEqualTo(200);
		assertThat(left.body()).contains("You are unsubscribed").contains("Only its first 500 characters are kept");
		assertThat(this.site.reader(fay.id()).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		assertThat(this.changes.of(fay.id())).singleElement().satisfies((change) -> {
			assertThat(change.kind()).isEqualTo(ReaderChanges.LEFT);
			assertThat(change.detail()).startsWith("Too much harbour news. xxx").hasSize(500);
		});
		Cli.Result shown = this.cli.run("subscribers", "show", "fay@example.com");
		assertThat(shown.exitCode()).as(shown.err()).isZero();
		assertThat(shown.out()).contains("UNSUBSCRIBED (the reader said: Too much harbour news.")
			.contains("reader: left");
	}

	@Test
	void theSignUpFormShowsAPrivacyNoticeAndTheReadersPageLinksToIt() throws Exception {
		Site.Client browser = this.site.browser();
		assertThat(browser.get("/subscribe").body()).contains("<a href=\"/privacy\">Privacy notice</a>");
		assertThat(browser.get(OnPage.open(this.site, "ben").page()).body())
			.contains("<a href=\"/privacy\">privacy notice</a>");

		HttpResponse<String> notice = browser.get("/privacy");

		assertThat(notice.statusCode()).isEqualTo(200);
		assertThat(notice.body()).contains("<h1>Your privacy</h1>")
			.contains("counted for all readers together")
			.contains("erase your data");
	}

	@Test
	void aFormSentAfterItsPageWasOpenTooLongComesBackFilledInAndSavesNothing() throws Exception {
		OnPage ben = OnPage.open(this.site, "ben");
		ben.view();

		HttpResponse<String> refused = ben.browser()
			.post("/preferences/details", java.util.Map.of("token", ben.token(), "_csrf", "a-token-from-long-ago",
					"name", "Ben Typed", "email", "ben@example.com"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("nothing was saved").contains("value=\"Ben Typed\"");
		assertThat(this.site.reader(ben.id()).name()).isEqualTo(ben.reader().name());
	}

}
