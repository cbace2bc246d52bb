package news.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import news.dispatch.system.StartupFailure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dispatch: topic digests and breaking-news alerts by email for a newsroom. Every run of
 * the program is one command of the {@code dispatch} command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchApplication {

	/**
	 * Auto-configuration only {@code dispatch serve} needs: the web server, health and
	 * metrics. Every other command starts without it, a third less to load.
	 */
	private static final List<String> SERVE_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.micrometer.", "org.springframework.boot.health.",
			"org.springframework.boot.webmvc.", "org.springframework.boot.tomcat.", "org.springframework.boot.servlet.",
			"org.springframework.boot.http.", "org.springframework.boot.observation.");

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DispatchApplication.class);
		// the command line's own hook closes the application once a running job has
		// stopped
		application.setRegisterShutdownHook(false);
		if (Arrays.asList(args).contains("serve")) {
			application.setWebApplicationType(WebApplicationType.SERVLET);
		}
		else {
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setDefaultProperties(Map.of("spring.autoconfigure.exclude", String.join(",", serveOnly())));
		}
		ConfigurableApplicationContext context;
		try {
			context = application.run(args);
		}
		catch (RuntimeException ex) {
			System.err.println(StartupFailure.explain(ex));
			System.exit(1);
			return;
		}
		System.exit(SpringApplication.exit(context));
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
