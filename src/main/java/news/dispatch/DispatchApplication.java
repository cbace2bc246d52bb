package news.dispatch;

import news.dispatch.system.StartupFailure;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dispatch: topic digests and breaking-news alerts by email for a newsroom. Every run of
 * the program is one command of the {@code dispatch} command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DispatchApplication.class);
		// the command line's own hook closes the application once a running job has
		// stopped
		application.setRegisterShutdownHook(false);
		// only the long-running process serves HTTP; every other command starts without
		// one
		application.setWebApplicationType(
				Arrays.asList(args).contains("serve") ? WebApplicationType.SERVLET : WebApplicationType.NONE);
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

}
