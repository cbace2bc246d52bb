package news.dispatch.topic;

/**
 * The ids queries carry in the monitor: topics and subscribers' keywords share one
 * monitor, so an id says which of the two it is ({@code t:12}, {@code k:345}).
 */
final class QueryIds {

	private static final String TOPIC = "t:";

	private static final String KEYWORDS = "k:";

	private QueryIds() {
	}

	static String topic(long topicId) {
		return TOPIC + topicId;
	}

	static String keywords(long subscriberId) {
		return KEYWORDS + subscriberId;
	}

	static boolean isTopic(String queryId) {
		return queryId.startsWith(TOPIC);
	}

	static boolean isKeywords(String queryId) {
		return queryId.startsWith(KEYWORDS);
	}

	/**
	 * The topic or subscriber id a query id names.
	 */
	static long owner(String queryId) {
		return Long.parseLong(queryId.substring(queryId.indexOf(':') + 1));
	}

}
