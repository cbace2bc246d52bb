package news.dispatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Dispatch: topic digests and breaking-news alerts by email for a newsroom. Every run of
 * the program is one command of the {@code dispatch} command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(DispatchApplication.class, args)));
	}

}
