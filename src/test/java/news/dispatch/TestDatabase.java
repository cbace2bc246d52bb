package news.dispatch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the tests on PostgreSQL instead of H2 when {@code DISPATCH_TEST_POSTGRES} holds
 * the JDBC URL of a server's maintenance database (the Maven profile {@code postgres}
 * sets it). Each test's data directory gets a database of its own, named after the
 * directory, which {@link Fixtures#delete(Path)} drops and creates afresh; a child
 * process started by a test finds the same database from the same data directory.
 */
public class TestDatabase implements EnvironmentPostProcessor {

	static final String URL = "DISPATCH_TEST_POSTGRES";

	static final String USER = "DISPATCH_TEST_POSTGRES_USER";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String admin = System.getenv(URL);
		String dataDir = environment.getProperty("dispatch.data-dir");
		if (admin == null || admin.isBlank() || dataDir == null) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("dispatchTestDatabase",
					Map.of("spring.datasource.url", url(admin, name(Path.of(dataDir))), "spring.datasource.username",
							user(), "spring.datasource.password", "",
							// the test framework keeps every context open: small pools,
							// or the
							// server runs out of connections
							"spring.datasource.hikari.maximum-pool-size", "4", "spring.datasource.hikari.minimum-idle",
							"0", "spring.datasource.hikari.idle-timeout", "10000")));
	}

	/**
	 * Drops and creates the test database of a data directory, when the tests run on
	 * PostgreSQL.
	 */
	static void fresh(Path dataDir) {
		String admin = System.getenv(URL);
		if (admin == null || admin.isBlank()) {
			return;
		}
		String name = name(dataDir);
		try (Connection connection = DriverManager.getConnection(admin, user(), "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot make the test database " + name + " on " + admin, ex);
		}
	}

	/**
	 * The database of a data directory: its name, and a hash of its whole path so that
	 * two checkouts testing side by side on one server never share a database. PostgreSQL
	 * keeps 63 characters of a name.
	 */
	private static String name(Path dataDir) {
		Path path = dataDir.toAbsolutePath().normalize();
		String leaf = path.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		String hash = Integer.toHexString(path.toString().hashCode());
		return "dispatch_test_" + leaf.substring(0, Math.min(leaf.length(), 40)) + "_" + hash;
	}

	private static String url(String admin, String database) {
		int slash = admin.lastIndexOf('/');
		int query = admin.indexOf('?', slash);
		return admin.substring(0, slash + 1) + database + ((query < 0) ? "" : admin.substring(query));
	}

	private static String user() {
		String user = System.getenv(USER);
		return (user == null || user.isBlank()) ? "postgres" : user;
	}

	/**
	 * Empties every table but the migrations' history: what an earlier test stored is
	 * gone, the schema stays (for a test that starts from an empty database in an
	 * application context it shares).
	 */
	public static void empty(DataSource dataSource) {
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
			throw new IllegalStateException("Cannot empty the test database", ex);
		}
	}

}
