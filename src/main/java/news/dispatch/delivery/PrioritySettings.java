package news.dispatch.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The priority lane: how a send step of an ordinary kind (a digest) gives way to messages
 * of a priority kind (alerts) waiting in the shared ledger, whichever process sends them.
 *
 * @param checkInterval how often, at most, the ledger is asked whether priority messages
 * wait; between two chunks the step asks again after this pause while they do
 * @param window priority messages planned longer ago than this no longer hold anything up
 * (an alert whose run failed must not stop digests for good)
 * @param maxPause the longest one chunk of a digest waits for priority messages
 */
@ConfigurationProperties("dispatch.sending.priority")
public record PrioritySettings(@DefaultValue("1s") Duration checkInterval, @DefaultValue("10m") Duration window,
		@DefaultValue("5m") Duration maxPause) {
}
