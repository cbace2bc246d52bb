package news.dispatch.subscriber;

import java.util.Map;

import news.dispatch.topic.KeywordQueries;

import org.springframework.stereotype.Component;

/**
 * Gives topic matching the keyword queries of active subscribers, so their own keywords
 * are matched in the same monitor as the topics.
 */
@Component
class SubscriberKeywords implements KeywordQueries {

	private final Subscribers subscribers;

	SubscriberKeywords(Subscribers subscribers) {
		this.subscribers = subscribers;
	}

	@Override
	public Map<Long, String> all() {
		return this.subscribers.activeKeywords();
	}

}
