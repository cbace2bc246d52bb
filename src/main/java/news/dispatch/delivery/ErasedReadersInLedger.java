package news.dispatch.delivery;

import news.dispatch.subscriber.SubscriberErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a reader is erased, their ledger rows stay, so that each edition's totals stay
 * right, but the mail servers' replies go: a reply often quotes the address. Our own "not
 * sent: …" notes name nobody and stay.
 */
@Component
class ErasedReadersInLedger {

	private final JdbcClient jdbc;

	ErasedReadersInLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(SubscriberErased erased) {
		this.jdbc
			.sql("update delivery set last_reply = null where subscriber_id = ? and last_reply is not null"
					+ " and last_reply not like 'not sent:%'")
			.param(erased.subscriberId())
			.update();
	}

}
