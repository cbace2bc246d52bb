package news.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of the whole application through its commands, pages or jobs: a
 * {@link SpringBootTest} that does not run the command line on start, sends mail to the
 * server {@link #smtp()} names, keeps its data under {@code target/test-data} and has a
 * {@link Cli} to inject, which runs {@code dispatch} commands in it; with a web server
 * ({@link #webEnvironment()} RANDOM_PORT or DEFINED_PORT) it has a {@link Site} to inject
 * as well, its pages over HTTP.
 * <p>
 * Without a {@code dispatch.data-dir} of its own (and without properties of its own), a
 * test shares one application context and one data directory ({@link #SHARED_DATA}) with
 * the other such tests: before each test class the database is emptied and the data
 * directory's files other than the database removed, so a test finds what it sets up and
 * nothing else. A test that gives {@code dispatch.data-dir=target/test-data/<name>} has
 * that directory to itself, deleted before the class runs (and on PostgreSQL its database
 * made afresh).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@TestPropertySource("classpath:functional-test.properties")
@ContextCustomizerFactories(FunctionalTestSupport.class)
@ExtendWith(FunctionalTestSupport.class)
public @interface FunctionalTest {

	/**
	 * The data directory of the tests that share their application context (set in
	 * {@code functional-test.properties}): one for each of the test JVMs that run side by
	 * side ({@code dispatch.test.fork}, set by the build).
	 */
	String SHARED_DATA = "target/test-data/functional-" + System.getProperty("dispatch.test.fork", "fork1");

	/**
	 * Properties of this test's application ({@link SpringBootTest#properties()}).
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

	@AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
	SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

	/**
	 * The SMTP server the application sends to.
	 */
	Smtp smtp() default Smtp.GREENMAIL;

	/**
	 * Where the application's mail goes.
	 */
	enum Smtp {

		/**
		 * GreenMail, one server for every test in the JVM ({@link TestMail#server()}),
		 * emptied before each test class.
		 */
		GREENMAIL,

		/**
		 * The application's own default: its embedded SMTP server, no spring.mail
		 * settings.
		 */
		EMBEDDED,

		/**
		 * A loopback port nothing listens on: an SMTP server that is down.
		 */
		DOWN,

		/**
		 * The test's own server: the {@link FaultySmtpServer} or the GreenMail extension
		 * in a static field of the test class, or {@code spring.mail.*} properties the
		 * test sets itself.
		 */
		OWN

	}

}
