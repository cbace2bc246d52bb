package news.dispatch.web;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import news.dispatch.cli.CommandLineInterface;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

	static final int PORT = Fixtures.closedPort();

	static final GreenMail smtp = TestMail.server();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("dispatch.site.url", () -> "http://localhost:" + PORT);
	}

	@Autowired
	CommandLineInterface commandLine;

	@Autowired
	Subscribers subscribers;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915");
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
	void signUpConfirmChangePreferencesUnsubscribeInOneClickAndGetNoDigest() throws Exception {
		// given: the newsroom's topics, subscribers and articles
		Cli cli = new Cli(this.commandLine);
		cli.importNewsroom(DATA.resolve("input"));

		// when: Kim signs up in the browser
		this.browser.get("http://localhost:" + PORT + "/subscribe");
		assertThat(
				new Select(this.browser.findElement(By.id("timeZone"))).getFirstSelectedOption().getAttribute("value"))
			.isNotBlank();
		this.browser.findElement(By.id("email")).sendKeys("kim.reader@example.net");
		this.browser.findElement(By.cssSelector("input[name=topics][value='Russia']")).click();
		new Select(this.browser.findElement(By.id("sendHour"))).selectByValue("8");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");
		assertThat(this.subscribers.findByEmail("kim.reader@example.net").orElseThrow().status()).isEqualTo("PENDING");

		// and confirms from the mail
		this.browser.get(link(mailsTo("kim.reader@example.net", 1).get(0), "/confirm"));
		assertThat(this.subscribers.findByEmail("kim.reader@example.net").orElseThrow().status()).isEqualTo("PENDING");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are subscribed");
		assertThat(this.subscribers.findByEmail("kim.reader@example.net").orElseThrow().status()).isEqualTo("ACTIVE");

		// and adds a topic on her page
		this.browser.findElement(By.linkText("Your preferences")).click();
		this.browser.findElement(By.cssSelector("input[name=topics][value='North Korea']")).click();
		this.browser.findElement(By.cssSelector("form[action='/preferences'] button[type=submit]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".notice")).getText()).contains("saved");
		assertThat(this.subscribers.findByEmail("kim.reader@example.net").orElseThrow().topics())
			.containsExactly("North Korea", "Russia");

		// and her mail provider sends the one-click unsubscribe
		String unsubscribe = this.browser.findElement(By.linkText("Unsubscribe")).getAttribute("href");
		HttpResponse<String> oneClick = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(unsubscribe))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(oneClick.statusCode()).isEqualTo(200);

		// then: the next digest goes to the others, not to her
		assertThat(cli.run("digest", "--date", "2033-01-03", "--quiet").exitCode()).isZero();
		assertThat(mailsTo("ana.kovac@example.com", 1)).hasSize(1);
		assertThat(received("kim.reader@example.net")).hasSize(1);
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

	private static List<MimeMessage> mailsTo(String email, int atLeast) throws Exception {
		long deadline = System.currentTimeMillis() + 15_000;
		List<MimeMessage> mine = received(email);
		while (mine.size() < atLeast && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			mine = received(email);
		}
		return mine;
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
