package news.dispatch.outbound;

import java.util.List;

/**
 * The names of the events, as receivers see them in {@code type}.
 */
final class EventTypes {

	static final String EDITION_STARTED = "edition.started";

	static final String EDITION_FINISHED = "edition.finished";

	static final String ALERT_SENT = "alert.sent";

	static final String RUN_FAILED = "run.failed";

	static final String SUBSCRIBER_CONFIRMED = "subscriber.confirmed";

	static final String SUBSCRIBER_CHANGED = "subscriber.changed";

	static final String SUBSCRIBER_UNSUBSCRIBED = "subscriber.unsubscribed";

	static final String SUBSCRIBER_BOUNCED = "subscriber.bounced";

	static final String SUBSCRIBER_COMPLAINED = "subscriber.complained";

	static final String SOURCE_FAILING = "source.failing";

	static final List<String> ALL = List.of(EDITION_STARTED, EDITION_FINISHED, ALERT_SENT, RUN_FAILED,
			SUBSCRIBER_CONFIRMED, SUBSCRIBER_CHANGED, SUBSCRIBER_UNSUBSCRIBED, SUBSCRIBER_BOUNCED,
			SUBSCRIBER_COMPLAINED, SOURCE_FAILING);

	private EventTypes() {
	}

}
