package news.dispatch.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import news.dispatch.Fixtures;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The H2 file is compacted while commits come one by one, as the ledger's do.
 */
class EmbeddedStoreHousekeepingTests {

	static final Path DATA = Path.of("target/test-data/h2-housekeeping");

	@Test
	void theSparseChunksThatCommitsOneByOneLeaveAreRewrittenAndFreed() throws Exception {
		Fixtures.delete(DATA);
		// chunks may be rewritten and freed a tenth of a second after they were written
		// (H2's default is 45 s)
		DataSource file = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:file:" + DATA.toAbsolutePath().resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=100", "sa", "");
		try (Connection connection = file.getConnection(); Statement statement = connection.createStatement()) {
			// given: a ledger's rows, then each one's outcome in a commit of its own
			statement.execute("create table ledger (id int primary key, status varchar(10), reply varchar(200))");
			statement.execute("create index ledger_status on ledger (status, id)");
			statement.execute("insert into ledger select x, 'PENDING', null from system_range(1, 3000)");
			connection.setAutoCommit(false);
			try (PreparedStatement sent = connection
				.prepareStatement("update ledger set status = 'SENT', reply = '250 2.0.0 Ok: queued' where id = ?")) {
				for (int id = 1; id <= 3000; id++) {
					sent.setInt(1, id);
					sent.executeUpdate();
					connection.commit();
				}
			}
			MVStore store = EmbeddedStoreHousekeeping.embeddedStore(connection);
			assertThat(store).isNotNull();
			int before = store.getFileStore().getChunksFillRate();
			Thread.sleep(200);

			// when: housekeeping runs a few times while the ledger goes on
			EmbeddedStoreHousekeeping housekeeping = new EmbeddedStoreHousekeeping(file, Duration.ofSeconds(1));
			boolean compacted = true;
			for (int round = 0; round < 5; round++) {
				compacted &= housekeeping.compact();
				statement.execute("update ledger set reply = 'checked " + round + "' where id = 1");
				connection.commit();
				Thread.sleep(150);
			}

			// then: the chunks hold mostly live data again, and the rows are all there
			assertThat(compacted).isTrue();
			assertThat(before).as("live data in the chunks before").isLessThan(20);
			assertThat(store.getFileStore().getChunksFillRate()).as("live data in the chunks after")
				.isGreaterThanOrEqualTo(60);
			try (var count = statement.executeQuery("select count(*) from ledger where status = 'SENT'")) {
				count.next();
				assertThat(count.getInt(1)).isEqualTo(3000);
			}
		}
	}

}
