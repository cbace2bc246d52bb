package news.dispatch.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.stereotype.Component;

/**
 * On H2, lets the ingest tables take their identity values a thousand at a time. H2
 * writes a sequence's state to disk each time it hands out the values it reserved (32 by
 * default), and with {@code WRITE_DELAY=0} every such write stores all the pages the
 * running chunk changed so far: profiling the ingest benchmark showed a fifth of its
 * database time there. PostgreSQL is left alone: its cache is per connection, so ids
 * would no longer follow the order stories were stored in.
 */
@Component
class V6__IdentityCaches extends BaseJavaMigration {

	static final int CACHE = 1000;

	/**
	 * The description databases migrated before the class took Flyway's naming keep.
	 */
	@Override
	public String getDescription() {
		return "H2 identity caches of the ingest tables";
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			for (String table : new String[] { "article", "article_appearance" }) {
				statement.execute("alter table " + table + " alter column id set cache " + CACHE);
			}
		}
	}

}
