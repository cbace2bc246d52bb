package news.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * What {@link FunctionalTest} does besides starting the application: points its mail at
 * the chosen SMTP server, gives each test class a data directory as it left none, and
 * empties the shared one between test classes.
 */
final class FunctionalTestSupport implements ContextCustomizerFactory, BeforeAllCallback, AfterAllCallback {

	private static final String DATA_DIR = "dispatch.data-dir=";

	/** Whether the shared data directory has been deleted in this JVM yet. */
	private static boolean sharedFresh;

	// --- the application context: where mail goes

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		FunctionalTest test = annotation(testClass);
		if (test == null) {
			return null;
		}
		return switch (test.smtp()) {
			case GREENMAIL -> new Mail(TestMail.server().getSmtp().getPort());
			case EMBEDDED -> null;
			case DOWN -> new Mail(Fixtures.closedPort());
			case OWN -> {
				FaultySmtpServer server = ownServer(testClass);
				yield new Mail((server != null) ? server.port() : null);
			}
		};
	}

	/**
	 * Sends the application's mail to 127.0.0.1 at this port (null: the port the test
	 * sets); the test's own properties still come first.
	 */
	record Mail(Integer port) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			Map<String, Object> properties = new HashMap<>(Map.of("spring.mail.host", "127.0.0.1"));
			if (this.port != null) {
				properties.put("spring.mail.port", this.port);
			}
			MapPropertySource mail = new MapPropertySource("functionalTestMail", properties);
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, mail);
			}
			else {
				sources.addFirst(mail);
			}
		}

	}

	// --- each test class: a data directory as it left none

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Class<?> testClass = context.getRequiredTestClass();
		FunctionalTest test = annotation(testClass);
		if (test.smtp() == FunctionalTest.Smtp.GREENMAIL) {
			TestMail.server().purgeEmailFromAllMailboxes();
		}
		Path own = ownDataDirectory(testClass);
		if (own != null) {
			Fixtures.delete(own);
			return;
		}
		refuseSharingWithOwnSettings(testClass, test);
		synchronized (FunctionalTestSupport.class) {
			if (!sharedFresh) {
				Fixtures.delete(Path.of(FunctionalTest.SHARED_DATA));
				sharedFresh = true;
				return;
			}
		}
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		emptyDatabase(application.getBean(DataSource.class));
		emptyDataDirectory(Path.of(FunctionalTest.SHARED_DATA));
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		FaultySmtpServer server = ownServer(context.getRequiredTestClass());
		if (server != null) {
			server.close();
		}
	}

	private static FunctionalTest annotation(Class<?> testClass) {
		MergedAnnotation<FunctionalTest> test = MergedAnnotations
			.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.get(FunctionalTest.class);
		return test.isPresent() ? test.synthesize() : null;
	}

	/**
	 * The {@code dispatch.data-dir} the test class sets in its properties, or null.
	 */
	static Path ownDataDirectory(Class<?> testClass) {
		String[] properties = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.get(SpringBootTest.class)
			.getStringArray("properties");
		return Arrays.stream(properties)
			.filter((property) -> property.startsWith(DATA_DIR))
			.map((property) -> Path.of(property.substring(DATA_DIR.length())))
			.findFirst()
			.orElse(null);
	}

	/**
	 * A test with settings of its own has an application of its own, which must not open
	 * the shared database beside the shared application.
	 */
	private static void refuseSharingWithOwnSettings(Class<?> testClass, FunctionalTest test) {
		boolean dynamic = Arrays.stream(testClass.getDeclaredMethods())
			.anyMatch((method) -> method.isAnnotationPresent(DynamicPropertySource.class));
		if (test.properties().length > 0 || dynamic || test.smtp() == FunctionalTest.Smtp.OWN
				|| test.webEnvironment() != SpringBootTest.WebEnvironment.MOCK) {
			throw new IllegalStateException(
					testClass.getSimpleName() + " has settings of its own: give it a data directory of its own ("
							+ DATA_DIR + "target/test-data/<name>) in @FunctionalTest(properties = ...)");
		}
	}

	private static FaultySmtpServer ownServer(Class<?> testClass) {
		for (Field field : testClass.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == FaultySmtpServer.class) {
				try {
					field.setAccessible(true);
					return (FaultySmtpServer) field.get(null);
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return null;
	}

	/**
	 * Empties every table but the migrations' history: what the previous test class
	 * stored is gone, the schema stays.
	 */
	static void emptyDatabase(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			DatabaseMetaData meta = connection.getMetaData();
			try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
					new String[] { "TABLE", "BASE TABLE" })) {
				while (rows.next()) {
					String table = rows.getString("TABLE_NAME");
					if (!table.toLowerCase(Locale.ROOT).startsWith("flyway_schema_history")) {
						tables.add('"' + table + '"');
					}
				}
			}
			if (meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
				statement.execute("truncate table " + String.join(", ", tables) + " restart identity cascade");
				return;
			}
			statement.execute("set referential_integrity false");
			try {
				for (String table : tables) {
					statement.execute("truncate table " + table + " restart identity");
				}
			}
			finally {
				statement.execute("set referential_integrity true");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot empty the shared test database", ex);
		}
	}

	/**
	 * Removes the data directory's files but the database and the kept query index, which
	 * the running application holds open.
	 */
	private static void emptyDataDirectory(Path dataDir) {
		try (Stream<Path> entries = Files.list(dataDir)) {
			entries
				.filter((entry) -> !entry.getFileName().toString().startsWith("dispatch.")
						&& !entry.getFileName().toString().startsWith("query-index"))
				.forEach(Fixtures::delete);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
