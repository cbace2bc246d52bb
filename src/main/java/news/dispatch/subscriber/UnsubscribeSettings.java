package news.dispatch.subscriber;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How unsubscribes are written.
 *
 * @param batchSize the most unsubscribes that arrive together written in one transaction
 * (1: each in its own)
 */
@ConfigurationProperties("dispatch.unsubscribe")
record UnsubscribeSettings(@DefaultValue("64") int batchSize) {

	UnsubscribeSettings {
		if (batchSize < 1 || batchSize > 10_000) {
			throw new IllegalArgumentException("dispatch.unsubscribe.batch-size is " + batchSize
					+ "; give 1 (each unsubscribe in its own transaction) to 10000, 64 is usual.");
		}
	}

}
