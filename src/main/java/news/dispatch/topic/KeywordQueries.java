package news.dispatch.topic;

import java.util.Map;

/**
 * Where subscribers' own keyword queries come from. The subscriber feature provides it;
 * matching registers these queries in the same monitor as the topics and stores what they
 * matched per subscriber.
 */
public interface KeywordQueries {

	/**
	 * Every keyword query that should be matched now.
	 * @return queries in the {@link QueryLanguage}, keyed by subscriber id
	 */
	Map<Long, String> all();

}
