package news.dispatch.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The editors' audit log ({@code editor_audit}): one row per action, never changed.
 */
@Repository
public class AuditLog {

	/**
	 * What an editor did.
	 */
	public enum Action {

		/** Logged in on the editor page. */
		LOGIN,
		/** A wrong name or password. */
		LOGIN_FAILED,
		/** A login refused because the account or the client is locked. */
		LOGIN_LOCKED,
		/** Started an alert. */
		ALERT_SENT

	}

	/**
	 * One action.
	 *
	 * @param editor the editor's login, {@code token:NAME} for an API token, or the name
	 * tried in a failed login
	 */
	public record Entry(long id, Instant at, String editor, Action action, @Nullable Long articleId,
			@Nullable String client, @Nullable String detail) {
	}

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String editor, Action action, @Nullable Long articleId, @Nullable String client,
			@Nullable String detail) {
		this.jdbc
			.sql("insert into editor_audit (at, editor, action, article_id, client, detail) values (?, ?, ?, ?, ?, ?)")
			.params(OffsetDateTime.now(ZoneOffset.UTC), cut(editor, 200), action.name(), articleId,
					(client != null) ? cut(client, 100) : null, (detail != null) ? cut(detail, 1000) : null)
			.update();
	}

	/**
	 * The latest actions, newest first.
	 */
	public List<Entry> latest(@Nullable Instant since, int limit) {
		return this.jdbc
			.sql("select id, at, editor, action, article_id, client, detail from editor_audit"
					+ " where at >= ? order by id desc")
			.param(((since != null) ? since : Instant.EPOCH).atOffset(ZoneOffset.UTC))
			.query((rs, row) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
					rs.getString("editor"), Action.valueOf(rs.getString("action")),
					(Long) rs.getObject("article_id", Long.class), rs.getString("client"), rs.getString("detail")))
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	private static String cut(String value, int length) {
		return (value.length() > length) ? value.substring(0, length) : value;
	}

}
