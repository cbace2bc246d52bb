package news.dispatch.outbound;

import news.dispatch.subscriber.SubscriberErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a reader is erased, the events kept for the webhooks (sent or still to send) no
 * longer carry their address: it becomes {@code erased-ID}, the subscriber's id staying
 * for receivers to erase the reader on their side too.
 */
@Component
class ErasedReadersInEvents {

	private final JdbcClient jdbc;

	ErasedReadersInEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(SubscriberErased erased) {
		String quoted = "\"" + erased.email() + "\"";
		this.jdbc.sql("update webhook_event set body = replace(body, ?, ?) where body like ?")
			.params(quoted, "\"erased-" + erased.subscriberId() + "\"", "%" + quoted + "%")
			.update();
	}

}
