package news.dispatch.system;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import news.dispatch.DispatchApplication;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting of Dispatch is in a settings record (or a {@code @Value} with a default),
 * and documented exactly once, with its default, in {@code application.yml} or a job's
 * {@code jobs/<job>/job.yml}; nothing documented there is a setting that does not exist.
 */
class SettingsDocumentedTests {

	private static final Pattern VALUE = Pattern.compile("@Value\\(\"\\$\\{(dispatch\\.[a-z0-9.-]+)(:[^}]*)?}\"\\)");

	@Test
	void everySettingIsDocumentedOnceAndEveryDocumentedSettingExists() throws Exception {
		Set<String> settings = settings();
		Map<String, List<String>> documented = documented();

		assertThat(new TreeSet<>(documented.keySet())).as("documented in YAML but not a setting").isSubsetOf(settings);
		assertThat(settings).as("settings documented in no YAML file").isSubsetOf(documented.keySet());
		documented.forEach((key, files) -> assertThat(files).as(key + " documented in").hasSize(1));
	}

	/**
	 * The keys of every {@code dispatch.*} settings record and {@code @Value}.
	 */
	private static Set<String> settings() throws IOException {
		Set<String> keys = new TreeSet<>();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		for (BeanDefinition candidate : scanner.findCandidateComponents(DispatchApplication.class.getPackageName())) {
			Class<?> type = load(candidate.getBeanClassName());
			String prefix = type.getAnnotation(ConfigurationProperties.class).value();
			if (prefix.startsWith("dispatch") && type.isRecord()) {
				collect(prefix, type, keys);
			}
		}
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter((p) -> p.toString().endsWith(".java")).toList()) {
				Matcher value = VALUE.matcher(Files.readString(source));
				while (value.find()) {
					keys.add(value.group(1));
				}
			}
		}
		return keys;
	}

	private static void collect(String prefix, Class<?> type, Set<String> keys) {
		for (RecordComponent component : type.getRecordComponents()) {
			String key = prefix + "." + kebab(component.getName());
			Class<?> nested = component.getType();
			if (nested.isRecord() && nested.getPackageName().startsWith("news.dispatch")) {
				collect(key, nested, keys);
			}
			else {
				keys.add(key);
			}
		}
	}

	/**
	 * The keys under {@code dispatch} in each YAML file, and the files naming each.
	 */
	private static Map<String, List<String>> documented() throws IOException {
		List<Path> files = new ArrayList<>(List.of(Path.of("src/main/resources/application.yml")));
		try (Stream<Path> jobs = Files.list(Path.of("jobs"))) {
			jobs.map((job) -> job.resolve("job.yml")).filter(Files::exists).sorted().forEach(files::add);
		}
		Map<String, List<String>> documented = new HashMap<>();
		for (Path file : files) {
			try (Reader reader = Files.newBufferedReader(file)) {
				Map<String, Object> yaml = new Yaml().load(reader);
				if (yaml != null && yaml.get("dispatch") instanceof Map<?, ?> dispatch) {
					flatten("dispatch", dispatch,
							(key) -> documented.computeIfAbsent(key, (k) -> new ArrayList<>()).add(file.toString()));
				}
			}
		}
		return documented;
	}

	private static void flatten(String prefix, Map<?, ?> map, java.util.function.Consumer<String> keys) {
		map.forEach((name, value) -> {
			String key = prefix + "." + name;
			if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
				flatten(key, nested, keys);
			}
			else {
				keys.accept(key);
			}
		});
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
