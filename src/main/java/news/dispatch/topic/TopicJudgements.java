package news.dispatch.topic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editors' judgements of whether a story is principally about a topic: what
 * {@code dispatch topics tune} fits a topic's threshold to and {@code topics test}
 * estimates its precision from. A story judged again keeps the latest judgement.
 */
@Repository
public class TopicJudgements {

	private final JdbcClient jdbc;

	TopicJudgements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record an editor's judgement, replacing an earlier one of the same story and topic.
	 * @param topicId the topic
	 * @param articleId the story
	 * @param about whether the story is principally about the topic
	 */
	@Transactional
	public void judge(long topicId, long articleId, boolean about) {
		this.jdbc.sql("delete from topic_judgement where topic_id = ? and article_id = ?")
			.params(topicId, articleId)
			.update();
		this.jdbc.sql("insert into topic_judgement (topic_id, article_id, about, judged_at) values (?, ?, ?, ?)")
			.params(topicId, articleId, about, Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * A topic's judgements: whether each judged story is about it, by story id, in id
	 * order.
	 */
	public Map<Long, Boolean> of(long topicId) {
		Map<Long, Boolean> judged = new LinkedHashMap<>();
		this.jdbc.sql("select article_id, about from topic_judgement where topic_id = ? order by article_id")
			.param(topicId)
			.query((rs) -> {
				judged.put(rs.getLong(1), rs.getBoolean(2));
			});
		return judged;
	}

}
