package news.dispatch.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.Browser;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of archive page, and a reader's web copy of their digest, in headless
 * Chromium at a 390 px phone's width and at a desktop's: axe-core (4.10.3, vendored under
 * {@code src/test/resources/axe}) finds no serious or critical accessibility violation,
 * and no page is wider than the window. Screenshots go to
 * {@code target/test-data/archive-browser/screens}. Runs with
 * {@code mvn verify -Pbrowser}.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/archive-browser", "dispatch.digest.lookback-days=100000",
				"dispatch.archive.page-size=5" })
class ArchiveAccessibilityBrowserTest {

	static final Path DATA = Path.of("target/test-data/archive-browser");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@RegisterExtension
	final Browser chromium = new Browser(390);

	@Test
	void everyArchivePageAndAWebCopyPassAxeAtPhoneAndDesktopWidths(@Autowired ArchiveIndex index) throws Exception {
		ArchiveNewsroom.load(this.cli, index, DATA.resolve("input"), 7);
		TestMail.purge();
		assertThat(this.cli.run("digest").exitCode()).isZero();
		MimeMessage digest = TestMail.awaitReceived("ann.reader@example.net", 1).get(0);
		// the site's address in mail is the default's
		String copy = ArchiveNewsroom.copyLink(TestMail.part(digest, "text/html"), "https://dispatch.example.com");
		WebDriver browser = this.chromium.driver();
		browser.get(this.site.url("/archive"));
		String edition = URI
			.create(browser.findElement(By.cssSelector("a[href^='/archive/editions/']")).getAttribute("href"))
			.getPath();
		List<String> pages = List.of("/archive", "/archive/topics/russia", "/archive/topics/russia?page=2", edition,
				"/archive/search?q=russia", "/archive/search", "/archive/topics/no-such-topic",
				"/archive/topics/russia?page=999", copy);

		// the check can fail: a page with an image without a text alternative fails it
		browser.get("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main><img src=x.png></main></html>");
		assertThat(serious(browser, "control", 390)).anySatisfy((found) -> assertThat(found).contains("image-alt"));

		List<String> problems = new ArrayList<>();
		for (int width : new int[] { 390, 1280 }) {
			browser.manage().window().setSize(new Dimension(width, 900));
			for (String page : pages) {
				browser.get(this.site.url(page));
				problems.addAll(serious(browser, page, width));
				long scrollWidth = (Long) ((JavascriptExecutor) browser)
					.executeScript("return document.documentElement.scrollWidth;");
				long innerWidth = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
				if (scrollWidth > innerWidth) {
					problems.add(page + " at " + width + " px is " + scrollWidth + " px wide: it scrolls sideways");
				}
				screenshot(browser, page, width);
			}
		}

		assertThat(problems).isEmpty();
	}

	/**
	 * The serious and critical violations axe-core finds on the page shown.
	 */
	private static List<String> serious(WebDriver browser, String page, int width) throws IOException {
		JavascriptExecutor js = (JavascriptExecutor) browser;
		js.executeScript(axe());
		Object result = js.executeAsyncScript(
				"const done = arguments[arguments.length - 1];" + "axe.run(document, {resultTypes: ['violations']})"
						+ ".then((r) => done(JSON.stringify(r.violations)), (e) => done('failed: ' + e));");
		assertThat(result).asString().doesNotStartWith("failed");
		List<String> found = new ArrayList<>();
		for (JsonNode violation : JsonMapper.builder().build().readTree(result.toString())) {
			String impact = violation.path("impact").asString("");
			if (impact.equals("serious") || impact.equals("critical")) {
				List<String> where = new ArrayList<>();
				violation.path("nodes").forEach((node) -> where.add(node.path("html").asString("")));
				found.add(page + " at " + width + " px: " + impact + " " + violation.path("id").asString("") + " ("
						+ violation.path("help").asString("") + ") in " + where);
			}
		}
		return found;
	}

	private static String axe() throws IOException {
		try (InputStream in = ArchiveAccessibilityBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
			assertThat(in).as("axe-core in src/test/resources/axe").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void screenshot(WebDriver browser, String page, int width) throws IOException {
		Path folder = DATA.resolve("screens");
		Files.createDirectories(folder);
		String name = page.replaceAll("\\?token=.*", "").replaceAll("[^a-z0-9]+", "-") + "-" + width + ".png";
		Files.write(folder.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
