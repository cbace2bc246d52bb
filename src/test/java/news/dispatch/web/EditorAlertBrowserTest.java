package news.dispatch.web;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import news.dispatch.cli.CommandLineInterface;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An editor's alert in a real browser (headless Chromium from the distribution's
 * packages, driven by Selenium): log in, pick a recent article by its audience, preview
 * the alert with a note, confirm, and the reader receives it; the article then shows as
 * sent and cannot be sent again. Runs with {@code mvn verify -Pbrowser}.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "dispatch.data-dir=target/test-data/editor-browser", "dispatch.alert.quiet-from=",
				"dispatch.alert.quiet-until=", "dispatch.editors.users.maria=s3cret-pass" })
class EditorAlertBrowserTest {

	static final Path DATA = Path.of("target/test-data/editor-browser");

	static final int PORT = Fixtures.closedPort();

	static final GreenMail smtp = TestMail.server();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("dispatch.site.url", () -> "http://localhost:" + PORT);
	}

	@Autowired
	CommandLineInterface commandLine;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,915");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
			.build();
		this.browser = new ChromeDriver(service, options);
		this.browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void anEditorLogsInPreviewsConfirmsAndTheReaderGetsTheAlertOnce() throws Exception {
		// given: the newsroom's topics, subscribers and articles
		new Cli(this.commandLine).importNewsroom(DATA.resolve("input"));

		// when: Maria logs in
		this.browser.get("http://localhost:" + PORT + "/editor");
		assertThat(this.browser.getCurrentUrl()).endsWith("/editor/login");
		this.browser.findElement(By.id("username")).sendKeys("maria");
		this.browser.findElement(By.id("password")).sendKeys("s3cret-pass");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(shown(By.tagName("h1"), "Breaking news")).isEqualTo("Breaking news");
		assertThat(this.browser.findElement(By.tagName("main")).getText())
			.contains("Putin and Kim Jong Un sign defence pact")
			.contains("Russia, North Korea · audience 1");

		// and previews the summit's alert with a note
		this.browser.findElement(By.partialLinkText("Putin and Kim Jong Un")).click();
		assertThat(this.browser.findElement(By.id("audience")).getText()).isEqualTo("1");
		this.browser.findElement(By.id("note")).sendKeys("Signed an hour ago");
		this.browser.findElement(By.id("refresh")).click();
		assertThat(shown(By.id("sample"), "From the editor: Signed an hour ago"))
			.contains("From the editor: Signed an hour ago");
		assertThat(this.browser.findElement(By.id("subject")).getText())
			.isEqualTo("BREAKING: Putin and Kim Jong Un sign defence pact at far-east summit");
		assertThat(smtp.getReceivedMessages()).isEmpty();

		// and sends it after confirming
		this.browser.findElement(By.id("send")).click();
		assertThat(shown(By.tagName("h1"), "Send this alert now?")).isEqualTo("Send this alert now?");
		assertThat(smtp.getReceivedMessages()).isEmpty();
		this.browser.findElement(By.id("confirm")).click();
		assertThat(shown(By.id("sent"), "is being sent")).contains("is being sent to 1 reader(s)");

		// then: Ana gets it, with the note
		assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
		List<MimeMessage> ana = received("ana.kovac@example.com");
		assertThat(ana).hasSize(1);
		assertThat(ana.get(0).getSubject()).startsWith("BREAKING: Putin and Kim Jong Un");

		// and the page shows it as sent, without a send button
		long deadline = System.currentTimeMillis() + 30_000;
		do {
			this.browser.get("http://localhost:" + PORT + "/editor");
		}
		while (!this.browser.findElement(By.tagName("main")).getText().contains("alert sent")
				&& System.currentTimeMillis() < deadline);
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("alert sent");
		this.browser.findElement(By.partialLinkText("Putin and Kim Jong Un")).click();
		assertThat(this.browser.findElement(By.cssSelector(".notice")).getText()).contains("This alert was sent");
		assertThat(this.browser.findElements(By.id("send"))).isEmpty();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
	}

	private static List<MimeMessage> received(String email) throws Exception {
		List<MimeMessage> mine = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getRecipients(Message.RecipientType.TO)[0].toString().contains(email)) {
				mine.add(message);
			}
		}
		return mine;
	}

	/**
	 * The element's text once the page that shows the expected text is there: just after
	 * a click the browser can still show the page before, whose elements then go stale.
	 */
	private String shown(By locator, String expected) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until((driver) -> {
				String text = driver.findElement(locator).getText();
				return text.contains(expected) ? text : null;
			});
	}

}
