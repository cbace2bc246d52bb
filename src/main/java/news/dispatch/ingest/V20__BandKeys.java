package news.dispatch.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.stereotype.Component;

/**
 * Near-duplicate band keys as one row per key (issue 3, throughput). Before, each story
 * had 16 rows (band, article_id) in a table with a randomly keyed index on band, one on
 * article_id and a foreign key checked per row: 48 index entries per story, which the
 * profile of the ingest benchmark showed as half of the ingest step. Now the key is the
 * primary key (on H2 the rows' own tree, no other index), a key belongs to the first
 * story stored with it, and a story has {@link MinHash#BANDS} keys, not 16. The keys of
 * the stories that had keys before are computed again from their bodies, in id order, a
 * thousand rows to a batch.
 */
@Component
class V20__BandKeys extends BaseJavaMigration {

	/**
	 * The description databases migrated before the class took Flyway's naming keep.
	 */
	@Override
	public String getDescription() {
		return "one row per near-duplicate band key";
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("create table article_band_key (band bigint not null primary key,"
					+ " article_id bigint not null)");
		}
		Set<Long> taken = new HashSet<>();
		try (Statement select = connection.createStatement();
				PreparedStatement insert = connection
					.prepareStatement("insert into article_band_key (band, article_id) values (?, ?)")) {
			select.setFetchSize(100);
			int batched = 0;
			try (ResultSet rows = select.executeQuery("select id, body from article a"
					+ " where exists (select 1 from article_band b where b.article_id = a.id) order by id")) {
				while (rows.next()) {
					for (long band : MinHash.bands(MinHash.shingles(rows.getString(2)))) {
						if (taken.add(band)) {
							insert.setLong(1, band);
							insert.setLong(2, rows.getLong(1));
							insert.addBatch();
							if (++batched % 1000 == 0) {
								insert.executeBatch();
							}
						}
					}
				}
			}
			insert.executeBatch();
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("drop table article_band");
			statement.execute("alter table article_band_key rename to article_band");
		}
	}

}
