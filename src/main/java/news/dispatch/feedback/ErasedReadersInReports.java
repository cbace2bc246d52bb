package news.dispatch.feedback;

import news.dispatch.subscriber.SubscriberErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a reader is erased, the bounces and complaints that came back for them stay
 * counted, but without their text: a report quotes the address and the mailbox's answer.
 */
@Component
class ErasedReadersInReports {

	private final JdbcClient jdbc;

	ErasedReadersInReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(SubscriberErased erased) {
		this.jdbc.sql("update feedback_report set detail = null where subscriber_id = ?")
			.param(erased.subscriberId())
			.update();
	}

}
