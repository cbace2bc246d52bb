package news.dispatch.topic;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How articles are matched to topics.
 *
 * @param windowDays articles published this many days ago or later are matched again when
 * the topics change; older ones keep the matches they had
 * @param batchSize articles matched together in one batch and one transaction
 * @param trialMaxArticles the most recent articles {@code dispatch topics test} looks at
 */
@ConfigurationProperties("dispatch.matching")
public record MatchingSettings(@DefaultValue("30") int windowDays, @DefaultValue("100") int batchSize,
		@DefaultValue("20000") int trialMaxArticles) {
}
