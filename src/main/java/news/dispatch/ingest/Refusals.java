package news.dispatch.ingest;

import java.time.Instant;
import java.util.List;

import news.dispatch.article.Articles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The lines of an ingest run's report, kept with the run so it can be read again: what
 * was refused and why, and what was stored despite a fault (a date in the future, a feed
 * in the wrong charset) and how.
 */
@Repository
public class Refusals {

	private static final String REFUSED = "refused";

	private static final String NOTED = "noted";

	private final JdbcClient jdbc;

	Refusals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One line of the report.
	 *
	 * @param source the folder or feed
	 * @param item the file, entry or address
	 * @param reason what was wrong and what was done or is to be done
	 */
	public record Refusal(String source, String item, String reason) {
	}

	/**
	 * A report line and whether its item was refused (else it was stored or read anyway).
	 */
	public record Line(Refusal refusal, boolean refused) {
	}

	void add(long jobExecutionId, Refusal refusal) {
		insert(jobExecutionId, refusal, REFUSED);
	}

	void note(long jobExecutionId, Refusal note) {
		insert(jobExecutionId, note, NOTED);
	}

	private void insert(long jobExecutionId, Refusal refusal, String outcome) {
		this.jdbc
			.sql("insert into ingest_refusal (job_execution_id, source, item, reason, refused_at, outcome)"
					+ " values (?, ?, ?, ?, ?, ?)")
			.params(jobExecutionId, cut(refusal.source()), cut(refusal.item()), cut(refusal.reason()),
					Articles.utc(Instant.now()), outcome)
			.update();
	}

	/**
	 * What the run refused.
	 */
	public List<Refusal> ofRun(long jobExecutionId) {
		return lines(jobExecutionId).stream().filter(Line::refused).map(Line::refusal).toList();
	}

	/**
	 * Every line of the run's report, in the order they were written.
	 */
	public List<Line> lines(long jobExecutionId) {
		return this.jdbc
			.sql("select source, item, reason, outcome from ingest_refusal where job_execution_id = ? order by id")
			.param(jobExecutionId)
			.query((rs, row) -> new Line(new Refusal(rs.getString(1), rs.getString(2), rs.getString(3)),
					REFUSED.equals(rs.getString(4))))
			.list();
	}

	private static String cut(String text) {
		return (text.length() > 2000) ? text.substring(0, 1999) + "…" : text;
	}

}
