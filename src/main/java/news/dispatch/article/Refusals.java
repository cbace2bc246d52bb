package news.dispatch.article;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What ingest runs refused and why, kept with the run so its report can be read again.
 */
@Repository
public class Refusals {

	private final JdbcClient jdbc;

	Refusals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One refused input.
	 *
	 * @param source the folder or feed
	 * @param item the file or entry
	 * @param reason what was wrong and what to do
	 */
	public record Refusal(String source, String item, String reason) {
	}

	void add(long jobExecutionId, Refusal refusal) {
		this.jdbc.sql(
				"insert into ingest_refusal (job_execution_id, source, item, reason, refused_at) values (?, ?, ?, ?, ?)")
			.params(jobExecutionId, refusal.source(), refusal.item(), refusal.reason(), Articles.utc(Instant.now()))
			.update();
	}

	public List<Refusal> ofRun(long jobExecutionId) {
		return this.jdbc.sql("select source, item, reason from ingest_refusal where job_execution_id = ? order by id")
			.param(jobExecutionId)
			.query(Refusal.class)
			.list();
	}

}
