package news.dispatch.web;

import java.nio.file.Path;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.Browser;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestPasswords;
import news.dispatch.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An editor's alert in a real browser (headless Chromium from the distribution's
 * packages, driven by Selenium): log in, pick a recent article by its audience, preview
 * the alert with a note, confirm, and the reader receives it; the article then shows as
 * sent and cannot be sent again. Runs with {@code mvn verify -Pbrowser}.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "dispatch.data-dir=target/test-data/editor-browser", "dispatch.alert.quiet-from=",
				"dispatch.alert.quiet-until=", "dispatch.editors.users.maria=" + TestPasswords.S3CRET_PASS })
class EditorAlertBrowserTest {

	static final Path DATA = Path.of("target/test-data/editor-browser");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@RegisterExtension
	final Browser chromium = new Browser(1024);

	@Test
	void anEditorLogsInPreviewsConfirmsAndTheReaderGetsTheAlertOnce() throws Exception {
		WebDriver browser = this.chromium.driver();
		// given: the newsroom's topics, subscribers and articles
		this.cli.importNewsroom(DATA.resolve("input"));

		// when: Maria logs in
		browser.get(this.site.url("/editor"));
		assertThat(browser.getCurrentUrl()).endsWith("/editor/login");
		browser.findElement(By.id("username")).sendKeys("maria");
		browser.findElement(By.id("password")).sendKeys("s3cret-pass");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(this.chromium.shown(By.tagName("h1"), "Breaking news")).isEqualTo("Breaking news");
		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("Putin and Kim Jong Un sign defence pact")
			.contains("Russia, North Korea · audience 1");

		// and previews the summit's alert with a note
		browser.findElement(By.partialLinkText("Putin and Kim Jong Un")).click();
		assertThat(browser.findElement(By.id("audience")).getText()).isEqualTo("1");
		browser.findElement(By.id("note")).sendKeys("Signed an hour ago");
		browser.findElement(By.id("refresh")).click();
		assertThat(this.chromium.shown(By.id("sample"), "From the editor: Signed an hour ago"))
			.contains("From the editor: Signed an hour ago");
		assertThat(browser.findElement(By.id("subject")).getText())
			.isEqualTo("BREAKING: Putin and Kim Jong Un sign defence pact at far-east summit");
		assertThat(TestMail.received()).isEmpty();

		// and sends it after confirming
		browser.findElement(By.id("send")).click();
		assertThat(this.chromium.shown(By.tagName("h1"), "Send this alert now?")).isEqualTo("Send this alert now?");
		assertThat(TestMail.received()).isEmpty();
		browser.findElement(By.id("confirm")).click();
		assertThat(this.chromium.shown(By.id("sent"), "is being sent")).contains("is being sent to 1 reader(s)");

		// then: Ana gets it, with the note
		assertThat(TestMail.server().waitForIncomingEmail(30_000, 1)).isTrue();
		List<MimeMessage> ana = TestMail.received("ana.kovac@example.com");
		assertThat(ana).hasSize(1);
		assertThat(ana.get(0).getSubject()).startsWith("BREAKING: Putin and Kim Jong Un");

		// and the page shows it as sent, without a send button
		long deadline = System.currentTimeMillis() + 30_000;
		do {
			browser.get(this.site.url("/editor"));
		}
		while (!browser.findElement(By.tagName("main")).getText().contains("alert sent")
				&& System.currentTimeMillis() < deadline);
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("alert sent");
		browser.findElement(By.partialLinkText("Putin and Kim Jong Un")).click();
		assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("This alert was sent");
		assertThat(browser.findElements(By.id("send"))).isEmpty();
		assertThat(TestMail.received()).hasSize(1);
	}

}
