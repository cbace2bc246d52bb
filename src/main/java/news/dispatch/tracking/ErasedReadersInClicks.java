package news.dispatch.tracking;

import news.dispatch.subscriber.SubscriberErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a reader is erased, their clicks (kept with {@code dispatch.tracking.per-reader})
 * stay counted for the story and the edition, but no longer say who clicked.
 */
@Component
class ErasedReadersInClicks {

	private final JdbcClient jdbc;

	ErasedReadersInClicks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(SubscriberErased erased) {
		this.jdbc.sql("update link_click set subscriber_id = null where subscriber_id = ?")
			.param(erased.subscriberId())
			.update();
	}

}
