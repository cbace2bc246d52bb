package news.dispatch.tracking;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether and how clicks are counted.
 *
 * @param enabled links in digests go through {@code /r/...} and are counted
 * @param perReader keep who clicked (off: only counts per story, topic and edition)
 * @param scannerWindow a click this soon after the message was sent is a link scanner's
 * @param scannerAgents User-Agents (regular expressions, case ignored) of link scanners
 */
@ConfigurationProperties("dispatch.tracking")
public record TrackingSettings(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean perReader,
		@DefaultValue("10s") Duration scannerWindow, @DefaultValue List<String> scannerAgents) {

	public TrackingSettings {
		for (String agent : scannerAgents) {
			try {
				Pattern.compile(agent);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("dispatch.tracking.scanner-agents has " + agent
						+ ", not a regular expression (" + ex.getDescription() + "); fix it");
			}
		}
		if (scannerWindow.isNegative()) {
			throw new IllegalArgumentException("dispatch.tracking.scanner-window is negative; give 0 or more");
		}
	}

}
