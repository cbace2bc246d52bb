package news.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
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
final class FunctionalTestSupport
		implements ContextCustomizerFactory, TestInstancePreConstructCallback, BeforeAllCallback {

	private static final String DATA_DIR = "dispatch.data-dir=";

	/** Whether the shared data directory has been deleted in this JVM yet. */
	private static boolean sharedFresh;

	/** The test classes whose data directory was made before their instance. */
	private static final java.util.Set<Class<?>> madeFresh = java.util.concurrent.ConcurrentHashMap.newKeySet();

	// --- the application context: where mail goes

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		FunctionalTest test = annotation(testClass);
		if (test == null) {
			return null;
		}
		ContextCustomizer definedPort = (test.webEnvironment() == SpringBootTest.WebEnvironment.DEFINED_PORT)
				? new DefinedPort(Fixtures.closedPort()) : null;
		ContextCustomizer site = test.webEnvironment().isEmbedded() ? new SiteBean() : null;
		return new Customizers(Arrays.asList(new CliBean(), mail(testClass, test), definedPort, site));
	}

	private static ContextCustomizer mail(Class<?> testClass, FunctionalTest test) {
		return switch (test.smtp()) {
			case GREENMAIL -> new Mail(TestMail.server().getSmtp().getPort());
			case EMBEDDED -> null;
			case DOWN -> new Mail(Fixtures.closedPort());
			case OWN -> {
				FaultySmtpServer server = ownServer(testClass);
				Field greenMail = staticField(testClass, GreenMailExtension.class);
				yield (greenMail != null) ? new OwnGreenMail(greenMail)
						: new Mail((server != null) ? server.port() : null);
			}
		};
	}

	/**
	 * The customizers that apply (null: one that does not).
	 */
	record Customizers(List<ContextCustomizer> each) implements ContextCustomizer {

		Customizers(List<ContextCustomizer> each) {
			this.each = each.stream().filter(Objects::nonNull).toList();
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			this.each.forEach((customizer) -> customizer.customizeContext(context, config));
		}

	}

	/**
	 * A site at a port chosen before it starts (webEnvironment DEFINED_PORT), so that the
	 * links in its mail lead back to it, as a browser test follows them:
	 * {@code server.port} and {@code dispatch.site.url}; the test reads the port from its
	 * {@link Site}.
	 */
	record DefinedPort(int port) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			addAfterTestProperties(context, new MapPropertySource("functionalTestSite",
					Map.of("server.port", this.port, "dispatch.site.url", "http://localhost:" + this.port)));
		}

	}

	/**
	 * A {@link Cli} for the test to inject: the commands run in its application.
	 */
	record CliBean() implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("functionalTestCli",
					new RootBeanDefinition(Cli.class));
		}

	}

	/**
	 * A {@link Site} for a test with a web server to inject: its pages over HTTP.
	 */
	record SiteBean() implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("functionalTestSite",
					new RootBeanDefinition(Site.class));
		}

	}

	/**
	 * Sends the application's mail to 127.0.0.1 at this port (null: the port the test
	 * sets); the test's own properties still come first.
	 */
	record Mail(Integer port) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = new HashMap<>(Map.of("spring.mail.host", "127.0.0.1"));
			if (this.port != null) {
				properties.put("spring.mail.port", this.port);
			}
			addAfterTestProperties(context, new MapPropertySource("functionalTestMail", properties));
		}

	}

	/**
	 * Sends the application's mail to the GreenMail the test registers in this static
	 * field (one with users of its own), at the port it has once started.
	 */
	record OwnGreenMail(Field field) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			addAfterTestProperties(context, new MapPropertySource("functionalTestMail",
					Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", port())));
		}

		private int port() {
			try {
				return ((GreenMailExtension) this.field.get(null)).getSmtp().getPort();
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Adds the properties below the test's own and above the application's.
	 */
	private static void addAfterTestProperties(ConfigurableApplicationContext context, MapPropertySource properties) {
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, properties);
		}
		else {
			sources.addFirst(properties);
		}
	}

	// --- each test class: a data directory as it left none

	/**
	 * A test class whose one instance serves all its tests (PER_CLASS) has its
	 * application started as that instance is made, before {@link #beforeAll}: its data
	 * directory is made ready here, before the application opens it.
	 */
	@Override
	public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
		if (context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS
				&& freshDataDirectory(factory.getTestClass())) {
			madeFresh.add(factory.getTestClass());
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Class<?> testClass = context.getRequiredTestClass();
		FunctionalTest test = annotation(testClass);
		if (test.smtp() == FunctionalTest.Smtp.GREENMAIL) {
			TestMail.purge();
		}
		if (test.smtp() == FunctionalTest.Smtp.OWN && ownServer(testClass) == null
				&& staticField(testClass, GreenMailExtension.class) == null && !hasDynamicProperties(testClass)) {
			throw new IllegalStateException(testClass.getSimpleName()
					+ " has smtp = OWN but no static FaultySmtpServer or GreenMailExtension field nor a @DynamicPropertySource"
					+ " that sets spring.mail.port");
		}
		if (ownDataDirectory(testClass) == null) {
			refuseSharingWithOwnSettings(testClass, test);
		}
		boolean made = (context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS)
				? madeFresh.remove(testClass) : freshDataDirectory(testClass);
		if (!made) {
			// the shared application's data, as the test class before this one left it
			ApplicationContext application = SpringExtension.getApplicationContext(context);
			TestDatabase.empty(application.getBean(DataSource.class));
			emptyDataDirectory(Path.of(FunctionalTest.SHARED_DATA));
		}
	}

	/**
	 * Deletes the test's own data directory (on PostgreSQL its database is then made
	 * afresh), or the shared one the first time in this JVM. False when the shared one is
	 * in use already and is to be emptied instead, which needs its application.
	 */
	private static boolean freshDataDirectory(Class<?> testClass) {
		Path own = ownDataDirectory(testClass);
		if (own != null) {
			Fixtures.delete(own);
			return true;
		}
		synchronized (FunctionalTestSupport.class) {
			if (!sharedFresh) {
				Fixtures.delete(Path.of(FunctionalTest.SHARED_DATA));
				sharedFresh = true;
				return true;
			}
		}
		return false;
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
		if (test.properties().length > 0 || hasDynamicProperties(testClass) || test.smtp() == FunctionalTest.Smtp.OWN
				|| test.webEnvironment() != SpringBootTest.WebEnvironment.MOCK) {
			throw new IllegalStateException(
					testClass.getSimpleName() + " has settings of its own: give it a data directory of its own ("
							+ DATA_DIR + "target/test-data/<name>) in @FunctionalTest(properties = ...)");
		}
	}

	private static boolean hasDynamicProperties(Class<?> testClass) {
		return Arrays.stream(testClass.getDeclaredMethods())
			.anyMatch((method) -> method.isAnnotationPresent(DynamicPropertySource.class));
	}

	private static FaultySmtpServer ownServer(Class<?> testClass) {
		Field field = staticField(testClass, FaultySmtpServer.class);
		try {
			return (field != null) ? (FaultySmtpServer) field.get(null) : null;
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Field staticField(Class<?> testClass, Class<?> type) {
		for (Field field : testClass.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == type) {
				field.setAccessible(true);
				return field;
			}
		}
		return null;
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
