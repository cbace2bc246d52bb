package news.dispatch.delivery;

import news.dispatch.subscriber.SubscriberUnsubscribed;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a reader unsubscribes, every message still planned for them (PENDING or RETRY) is
 * withdrawn from the ledger as FAILED, in the same transaction.
 */
@Component
class WithdrawOnUnsubscribe {

	private final JdbcClient jdbc;

	WithdrawOnUnsubscribe(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(SubscriberUnsubscribed unsubscribed) {
		this.jdbc
			.sql("update delivery set status = 'FAILED', last_reply = 'not sent: the subscriber unsubscribed'"
					+ " where subscriber_id = ? and status in ('PENDING', 'RETRY')")
			.param(unsubscribed.subscriberId())
			.update();
	}

}
