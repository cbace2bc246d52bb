package news.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import news.dispatch.system.StartupFailure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplication.AbandonedRunException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Dispatch: topic digests and breaking-news alerts by email for a newsroom. Every run of
 * the program is one command of the {@code dispatch} command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchApplication {

	/**
	 * Auto-configuration only {@code dispatch serve} needs: the web server, health and
	 * metrics, web security. Every other command starts without it, a third less to load.
	 */
	private static final List<String> SERVE_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.micrometer.", "org.springframework.boot.health.",
			"org.springframework.boot.webmvc.", "org.springframework.boot.tomcat.", "org.springframework.boot.servlet.",
			"org.springframework.boot.http.", "org.springframework.boot.observation.",
			"org.springframework.boot.security.");

	private static final List<String> READ_ONLY = List.of("jobs list", "jobs show", "topics list", "articles list",
			"articles show", "subscribers list", "sources list", "webhooks list", "stats edition", "help");

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DispatchApplication.class);
		// the command line's own hook closes the application once a running job has
		// stopped
		application.setRegisterShutdownHook(false);
		if (Arrays.asList(args).contains("serve")) {
			application.setWebApplicationType(WebApplicationType.SERVLET);
		}
		else {
			if (onlyReads(args) && aheadOfTimeProcessed()) {
				System.setProperty("spring.aot.enabled", "true");
			}
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setDefaultProperties(Map.of("spring.autoconfigure.exclude", String.join(",", serveOnly())));
		}
		ConfigurableApplicationContext context;
		try {
			context = application.run(args);
		}
		catch (AbandonedRunException ex) {
			// the build's ahead-of-time processing stops the application after preparing
			// it
			throw ex;
		}
		catch (RuntimeException ex) {
			System.err.println(StartupFailure.explain(ex));
			System.exit(1);
			return;
		}
		System.exit(SpringApplication.exit(context));
	}

	/**
	 * Whether the command only reads: it then starts from the bean definitions the build
	 * prepared ahead of time, skipping the configuration-class and condition processing
	 * that is most of a start-up. The commands that run jobs keep the ordinary start:
	 * settings given to them may change which beans exist.
	 */
	static boolean onlyReads(String... args) {
		List<String> words = Arrays.stream(args).filter((arg) -> !arg.startsWith("-")).limit(2).toList();
		boolean help = Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
		if (help || words.isEmpty()) {
			return true;
		}
		String command = String.join(" ", words);
		return READ_ONLY.stream()
			.anyMatch((readOnly) -> command.equals(readOnly) || command.startsWith(readOnly + " "));
	}

	/**
	 * Whether the build has prepared bean definitions, this is not that preparation, and
	 * nobody asked for the ordinary start ({@code -Dspring.aot.enabled=false}).
	 */
	private static boolean aheadOfTimeProcessed() {
		if (System.getProperty("spring.aot.enabled") != null
				|| Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			return false;
		}
		return DispatchApplication.class
			.getResource("DispatchApplication__ApplicationContextInitializer.class") != null;
	}

	private static List<String> serveOnly() {
		List<String> excluded = new ArrayList<>();
		for (String candidate : ImportCandidates.load(AutoConfiguration.class,
				DispatchApplication.class.getClassLoader())) {
			if (SERVE_ONLY.stream().anyMatch(candidate::startsWith)) {
				excluded.add(candidate);
			}
		}
		return excluded;
	}

}
