package news.dispatch;

import java.io.File;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (the distribution's, {@code -Dchromium.binary} and
 * {@code -Dchromedriver} to use others) for each test, driven by Selenium and quit after
 * it. Register it with {@code @RegisterExtension}; the browser tests run with
 * {@code mvn verify -Pbrowser}.
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {

	private final String windowSize;

	private WebDriver driver;

	/**
	 * @param width the window's width in pixels (412 a phone, 1024 a laptop)
	 */
	public Browser(int width) {
		this.windowSize = width + ",915";
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
				"--window-size=" + this.windowSize);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.driver != null) {
			this.driver.quit();
			this.driver = null;
		}
	}

	/**
	 * The browser of the running test.
	 */
	public WebDriver driver() {
		return this.driver;
	}

	/**
	 * The element's text once the page that shows the expected text is there: just after
	 * a click the browser can still show the page before, whose elements then go stale.
	 */
	public String shown(By locator, String expected) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until((browser) -> {
				String text = browser.findElement(locator).getText();
				return text.contains(expected) ? text : null;
			});
	}

}
