package news.dispatch.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What editors asked for when they flagged an article: a headline to use instead of the
 * article's and a note, one per article.
 */
@Repository
class AlertRequests {

	private final JdbcClient jdbc;

	AlertRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An editor's request.
	 *
	 * @param headline replaces the article's headline when not blank
	 * @param note shown above the story when not blank
	 */
	record Request(long articleId, @Nullable String headline, @Nullable String note, String requestedBy) {
	}

	/**
	 * Keeps the request, replacing an earlier one for the same article (an alert that
	 * failed and is triggered again takes the latest wording).
	 */
	void save(Request request) {
		this.jdbc.sql("delete from alert_request where article_id = ?").param(request.articleId()).update();
		this.jdbc
			.sql("insert into alert_request (article_id, headline, note, requested_by, requested_at)"
					+ " values (?, ?, ?, ?, ?)")
			.params(request.articleId(), blankToNull(request.headline()), blankToNull(request.note()),
					request.requestedBy(), Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<Request> find(long articleId) {
		return this.jdbc.sql("select article_id, headline, note, requested_by from alert_request where article_id = ?")
			.param(articleId)
			.query((rs, row) -> new Request(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
