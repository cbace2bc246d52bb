package news.dispatch.topic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The topic catalog.
 */
@Repository
public class Topics {

	private final JdbcClient jdbc;

	Topics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static final String COLUMNS = "id, name, query, match_in, min_hits, about_threshold";

	public List<Topic> findAll() {
		return this.jdbc.sql("select " + COLUMNS + " from topic order by name").query(Topics::topic).list();
	}

	/**
	 * The topic of that name, ignoring case.
	 */
	public Optional<Topic> findByName(String name) {
		return this.jdbc.sql("select " + COLUMNS + " from topic where lower(name) = ?")
			.param(name.strip().toLowerCase(Locale.ROOT))
			.query(Topics::topic)
			.optional();
	}

	/**
	 * The topics shown on the public archive (those whose topics file did not say
	 * {@code archive: false}), by name.
	 */
	public List<Topic> archived() {
		return this.jdbc.sql("select " + COLUMNS + " from topic where archive = true order by name")
			.query(Topics::topic)
			.list();
	}

	private static Topic topic(ResultSet rs, int row) throws SQLException {
		double threshold = rs.getDouble(6);
		Double fitted = rs.wasNull() ? null : threshold;
		Relevance.Region region = Relevance.Region.valueOf(rs.getString(4));
		Relevance relevance = (region == Relevance.Region.ABOUT) ? Relevance.ABOUT
				: new Relevance(region, rs.getInt(5));
		return new Topic(rs.getLong(1), rs.getString(2), rs.getString(3), relevance.withThreshold(fitted));
	}

	/**
	 * Keep the aboutness threshold fitted to a topic's judgements, or go back to the
	 * default with {@code null}.
	 */
	void saveThreshold(long topicId, Double threshold) {
		this.jdbc.sql("update topic set about_threshold = ?, updated_at = ? where id = ?")
			.params(threshold, Instant.now().atOffset(ZoneOffset.UTC), topicId)
			.update();
	}

	/**
	 * Whether two relevance rules are the same apart from a fitted threshold.
	 */
	private static boolean sameRule(Relevance one, Relevance other) {
		return one.in() == other.in() && one.minHits() == other.minHits();
	}

	/**
	 * Adds the topic, or changes the query and relevance of the topic of that name.
	 * @return whether the catalog changed
	 */
	boolean save(String name, String query, Relevance relevance, boolean archive) {
		Optional<Topic> existing = findByName(name);
		if (existing.isPresent()) {
			boolean archived = this.jdbc.sql("select archive from topic where id = ?")
				.param(existing.get().id())
				.query(Boolean.class)
				.single();
			if (existing.get().query().equals(query) && sameRule(existing.get().relevance(), relevance)
					&& archived == archive) {
				return false;
			}
			this.jdbc
				.sql("update topic set query = ?, match_in = ?, min_hits = ?, archive = ?, updated_at = ? where id = ?")
				.params(query, relevance.in().name(), relevance.minHits(), archive,
						Instant.now().atOffset(ZoneOffset.UTC), existing.get().id())
				.update();
			return true;
		}
		this.jdbc
			.sql("insert into topic (name, query, match_in, min_hits, archive, updated_at) values (?, ?, ?, ?, ?, ?)")
			.params(name.strip(), query, relevance.in().name(), relevance.minHits(), archive,
					Instant.now().atOffset(ZoneOffset.UTC))
			.update();
		return true;
	}

	/**
	 * A fingerprint of every topic's query and relevance, and of every keyword query and
	 * theirs: articles matched under another revision are matched again.
	 */
	static String revision(List<Topic> topics, Map<Long, String> keywords, Relevance keywordRelevance) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update((keywordRelevance + "\u0000").getBytes(StandardCharsets.UTF_8));
			for (Topic topic : topics) {
				sha.update((topic.id() + "\u0000" + topic.query() + "\u0000" + topic.relevance() + "\u0000")
					.getBytes(StandardCharsets.UTF_8));
			}
			for (Map.Entry<Long, String> entry : new TreeMap<>(keywords).entrySet()) {
				sha.update(("k" + entry.getKey() + "\u0000" + entry.getValue() + "\u0000")
					.getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
