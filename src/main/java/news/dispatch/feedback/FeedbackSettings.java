package news.dispatch.feedback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How returned reports are judged.
 *
 * @param softBouncesToSuppress soft bounces (4.x.x, a full mailbox) of different messages
 * after which a subscriber is suppressed, when they come within {@code softBounceWindow}
 * @param softBounceWindow how far back soft bounces are counted
 * @param maxReportSize a report file or mailbox message larger than this is not read
 */
@ConfigurationProperties("dispatch.feedback")
public record FeedbackSettings(@DefaultValue("3") int softBouncesToSuppress,
		@DefaultValue("30d") Duration softBounceWindow, @DefaultValue("10MB") DataSize maxReportSize) {

	public FeedbackSettings {
		if (softBouncesToSuppress < 1) {
			throw new IllegalArgumentException("dispatch.feedback.soft-bounces-to-suppress is " + softBouncesToSuppress
					+ "; set it to 1 or more.");
		}
		if (softBounceWindow.isNegative() || softBounceWindow.isZero()) {
			throw new IllegalArgumentException("dispatch.feedback.soft-bounce-window is " + softBounceWindow
					+ "; set it to a positive duration like 30d.");
		}
	}

}
