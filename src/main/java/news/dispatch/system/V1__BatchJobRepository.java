package news.dispatch.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Creates Spring Batch's job repository tables with the schema script that ships inside
 * Spring Batch itself, so the tables always match the library's version and one Flyway
 * history serves H2 and PostgreSQL alike.
 */
@Component
class V1__BatchJobRepository extends BaseJavaMigration {

	/**
	 * The description databases migrated before the class took Flyway's naming keep.
	 */
	@Override
	public String getDescription() {
		return "Spring Batch job repository";
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		String script = "org/springframework/batch/core/schema-" + platform(connection) + ".sql";
		ScriptUtils.executeSqlScript(connection, new ClassPathResource(script));
	}

	private static String platform(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("h2")) {
			return "h2";
		}
		if (product.contains("postgres")) {
			return "postgresql";
		}
		throw new IllegalStateException(
				"Dispatch runs on H2 or PostgreSQL, not on " + product + "; set spring.datasource.url to one of them.");
	}

}
