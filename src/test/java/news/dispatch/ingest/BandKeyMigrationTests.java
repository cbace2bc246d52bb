package news.dispatch.ingest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import news.dispatch.Fixtures;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrating a store ingested with 16 band rows per story to one row per band key: the
 * keys of the stories are computed again from their bodies, each key held by the first
 * story that has it.
 */
class BandKeyMigrationTests {

	private static final String WORDS = "the council voted on tuesday to close the old library on the high street "
			+ "after a long campaign by residents who said the building was unsafe and too costly to repair";

	private static final String AFTER = " and the mayor said a new library would open in the market hall next spring";

	@Test
	void storedStoriesGetTheirBandKeysAgainEachKeyHeldByTheFirstStoryWithIt() {
		Path dir = Path.of("target/test-data/band-key-migration");
		Fixtures.delete(dir);
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("dispatch"));
		dataSource.setUser("sa");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		// given a store as the first ingest slices left it: two stories with the same
		// body (a second copy stored by an older run) and one too short to have keys
		flyway(dataSource).target("19?").load().migrate();
		long first = story(jdbc, "a", WORDS);
		long second = story(jdbc, "b", WORDS + AFTER);
		long shortOne = story(jdbc, "c", "too short");
		for (long id : new long[] { first, second }) {
			for (int band = 0; band < 16; band++) {
				jdbc.sql("insert into article_band (band, article_id) values (?, ?)")
					.params(band * 1000 + id, id)
					.update();
			}
		}

		// when it is migrated
		flyway(dataSource).load().migrate();

		// then each key of the first story's body is held by it, and the second story
		// holds only the keys that are its own
		Map<Long, Long> owners = jdbc.sql("select band, article_id from article_band")
			.query((rs, row) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		long[] firstKeys = MinHash.bands(MinHash.shingles(WORDS));
		long[] secondKeys = MinHash.bands(MinHash.shingles(WORDS + AFTER));
		assertThat(firstKeys).hasSize(MinHash.BANDS);
		for (long key : firstKeys) {
			assertThat(owners).containsEntry(key, first);
		}
		long ownKeys = Arrays.stream(secondKeys).filter((key) -> !contains(firstKeys, key)).count();
		assertThat(ownKeys).isPositive();
		assertThat(owners).hasSize(MinHash.BANDS + (int) ownKeys);
		assertThat(owners.values()).doesNotContain(shortOne);
	}

	private static FluentConfiguration flyway(JdbcDataSource dataSource) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.javaMigrations(new V6__IdentityCaches(), new V20__BandKeys());
	}

	private static long story(JdbcClient jdbc, String name, String body) {
		jdbc.sql("""
				insert into article (headline, body, source, source_item, published_at, ingested_at, content_hash)
				values (?, ?, 'wire', ?, current_timestamp, current_timestamp, ?)""")
			.params(name, body, name, ArticleDraft.sha256(body))
			.update();
		return jdbc.sql("select id from article where source_item = ?").param(name).query(Long.class).single();
	}

	private static boolean contains(long[] keys, long key) {
		return Arrays.stream(keys).anyMatch((k) -> k == key);
	}

}
