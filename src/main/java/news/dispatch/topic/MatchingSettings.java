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
 * @param defaultIn the rule for a topic that gives no {@code in:}, for subscribers'
 * keywords and for {@code topics test} without {@code --in}: {@code about} (the story is
 * about the topic, see {@link Relevance}) or where a hit must be
 * @param defaultMinHits how many hits suffice likewise, when no {@code min-hits:} is
 * given and the default is not {@code about}
 * @param keepIndex whether to keep the index of the topic and keyword queries in
 * {@code DATA_DIR/query-index} between runs, so that a run indexes only the queries added
 * or changed since the last one; off, every run indexes them all in memory
 */
@ConfigurationProperties("dispatch.matching")
public record MatchingSettings(@DefaultValue("30") int windowDays, @DefaultValue("100") int batchSize,
		@DefaultValue("20000") int trialMaxArticles, @DefaultValue("ABOUT") Relevance.Region defaultIn,
		@DefaultValue("2") int defaultMinHits, @DefaultValue("true") boolean keepIndex) {

	/**
	 * What a match must satisfy when the query comes with no options of its own.
	 * @return {@code defaultIn} and {@code defaultMinHits} together
	 */
	public Relevance defaultRelevance() {
		if (this.defaultIn == Relevance.Region.ABOUT) {
			return Relevance.ABOUT;
		}
		return new Relevance(this.defaultIn, this.defaultMinHits);
	}

}
