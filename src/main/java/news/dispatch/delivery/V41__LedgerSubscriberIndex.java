package news.dispatch.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, drops the ledger's index {@code delivery_subscriber}
 * ({@code subscriber_id}): {@code delivery_subscriber_kind} ({@code subscriber_id, kind,
 * planned_at}) starts with the same column and answers every query that used it (a
 * reader's messages, what they already had, the per-day cap, the cascade when a
 * subscriber is deleted), and each index costs every message planned an insert. H2 keeps
 * it: there it is the index of the foreign key to {@code subscriber}, and H2 gives a
 * foreign key an index of exactly its columns whatever else the table has (dropped, the
 * key would bring the same index back under another name).
 */
@Component
class V41__LedgerSubscriberIndex extends BaseJavaMigration {

	@Override
	public String getDescription() {
		return "ledger subscriber index";
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("drop index delivery_subscriber");
			}
		}
	}

}
