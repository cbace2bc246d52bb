package news.dispatch.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Browser;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.subscriber.SubscriberStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader's whole journey in a real browser (headless Chromium from the distribution's
 * packages, driven by Selenium): sign up, confirm from the mail GreenMail received,
 * change preferences, unsubscribe with the one-click POST a mail provider sends, and get
 * nothing from the next digest. Runs with {@code mvn verify -Pbrowser}.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "dispatch.data-dir=target/test-data/browser", "dispatch.digest.lookback-days=100000" })
class SubscriberJourneyBrowserTest {

	static final Path DATA = Path.of("target/test-data/browser");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@RegisterExtension
	final Browser chromium = new Browser(412);

	@Test
	void signUpConfirmChangePreferencesUnsubscribeInOneClickAndGetNoDigest() throws Exception {
		WebDriver browser = this.chromium.driver();
		// given: the newsroom's topics, subscribers and articles
		this.cli.importNewsroom(DATA.resolve("input"));

		// when: Kim signs up in the browser
		browser.get(this.site.url("/subscribe"));
		assertThat(new Select(browser.findElement(By.id("timeZone"))).getFirstSelectedOption().getAttribute("value"))
			.isNotBlank();
		browser.findElement(By.id("email")).sendKeys("kim.reader@example.net");
		browser.findElement(By.cssSelector("input[name=topics][value='Russia']")).click();
		new Select(browser.findElement(By.id("sendHour"))).selectByValue("8");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");
		assertThat(this.site.reader("kim.reader@example.net").status()).isEqualTo(SubscriberStatus.PENDING);

		// and confirms from the mail
		browser.get(link(TestMail.awaitReceived("kim.reader@example.net", 1).get(0), "/confirm"));
		assertThat(this.site.reader("kim.reader@example.net").status()).isEqualTo(SubscriberStatus.PENDING);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are subscribed");
		assertThat(this.site.reader("kim.reader@example.net").status()).isEqualTo(SubscriberStatus.ACTIVE);

		// and adds a topic on her page
		browser.findElement(By.linkText("Your preferences")).click();
		browser.findElement(By.cssSelector("input[name=topics][value='North Korea']")).click();
		browser.findElement(By.cssSelector("form[action='/preferences'] button[type=submit]")).click();
		assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("saved");
		assertThat(this.site.reader("kim.reader@example.net").topics()).containsExactly("North Korea", "Russia");

		// and her mail provider sends the one-click unsubscribe
		String unsubscribe = browser.findElement(By.linkText("Unsubscribe")).getAttribute("href");
		HttpResponse<String> oneClick = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(unsubscribe))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(oneClick.statusCode()).isEqualTo(200);

		// then: the next digest goes to the others, not to her
		assertThat(this.cli.run("digest", "--date", "2033-01-03", "--quiet").exitCode()).isZero();
		assertThat(TestMail.awaitReceived("ana.kovac@example.com", 1)).hasSize(1);
		assertThat(TestMail.received("kim.reader@example.net")).hasSize(1);
	}

	private static String link(MimeMessage mail, String path) throws Exception {
		String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
		Matcher matcher = Pattern.compile("http://localhost:\\d+" + Pattern.quote(path) + "\\?token=[\\w.-]+")
			.matcher(text);
		if (!matcher.find()) {
			throw new AssertionError("no " + path + " link in " + text);
		}
		return matcher.group();
	}

}
