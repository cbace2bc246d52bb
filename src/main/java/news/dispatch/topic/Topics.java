package news.dispatch.topic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

	public List<Topic> findAll() {
		return this.jdbc.sql("select id, name, query from topic order by name").query(Topic.class).list();
	}

	/**
	 * The topic of that name, ignoring case.
	 */
	public Optional<Topic> findByName(String name) {
		return this.jdbc.sql("select id, name, query from topic where lower(name) = ?")
			.param(name.strip().toLowerCase(Locale.ROOT))
			.query(Topic.class)
			.optional();
	}

	/**
	 * Adds the topic, or changes the query of the topic of that name.
	 * @return whether the catalog changed
	 */
	boolean save(String name, String query) {
		Optional<Topic> existing = findByName(name);
		if (existing.isPresent()) {
			if (existing.get().query().equals(query)) {
				return false;
			}
			this.jdbc.sql("update topic set query = ?, updated_at = ? where id = ?")
				.params(query, Instant.now().atOffset(ZoneOffset.UTC), existing.get().id())
				.update();
			return true;
		}
		this.jdbc.sql("insert into topic (name, query, updated_at) values (?, ?, ?)")
			.params(name.strip(), query, Instant.now().atOffset(ZoneOffset.UTC))
			.update();
		return true;
	}

	/**
	 * A fingerprint of every topic's query: articles matched under another revision are
	 * matched again.
	 */
	static String revision(List<Topic> topics) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (Topic topic : topics) {
				sha.update((topic.id() + "\u0000" + topic.query() + "\u0000").getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
