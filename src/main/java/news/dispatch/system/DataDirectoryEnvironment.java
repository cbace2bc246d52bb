package news.dispatch.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves {@code dispatch.data-dir} to an absolute path before anything reads it, and
 * points the datasource at the H2 file inside it when no other database is configured.
 * <p>
 * H2 refuses relative file paths that do not start with {@code ./}, and a path relative
 * to the working directory would change meaning between the CLI and a scheduler, so the
 * directory is fixed once, here. {@code AUTO_SERVER=TRUE} lets a second process (an
 * operator's {@code dispatch jobs list} beside {@code dispatch serve}) open the same
 * file.
 */
class DataDirectoryEnvironment implements EnvironmentPostProcessor {

	static final String DATA_DIR = "dispatch.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Path dataDir = Path.of(environment.getProperty(DATA_DIR, "./data")).toAbsolutePath().normalize();
		Map<String, Object> resolved = new HashMap<>();
		resolved.put(DATA_DIR, dataDir.toString());
		if (!environment.containsProperty("spring.datasource.url")) {
			// WRITE_DELAY=0: H2 otherwise writes commits up to a second late, and a
			// killed
			// process loses them; the ledger must not forget a message it sent
			resolved.put("spring.datasource.url",
					"jdbc:h2:file:" + dataDir.resolve("dispatch") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
			resolved.put("spring.datasource.username", "sa");
		}
		environment.getPropertySources().addFirst(new MapPropertySource("dispatchDataDirectory", resolved));
	}

}
