package news.dispatch.digest;

import java.time.DayOfWeek;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How digests are planned.
 *
 * @param lookbackDays an article published this many days before the edition date, or
 * later, can go in the edition if the subscriber has not had it
 * @param maxArticles the most articles one digest lists, best first
 * @param chunkSize unsent messages read from the ledger per transaction; the connections
 * take them as each is free, so it need not grow with the connections
 * @param planChunkSize subscribers planned per transaction: the readers of the same
 * topics among them share one decision and their ledger rows are written in one batch, so
 * planning goes faster the more there are, at the cost of a longer transaction
 * @param weeklyDay the day weekly subscribers get theirs
 * @param keywordsHeading the heading of the section that lists what matched a
 * subscriber's own keywords
 */
@ConfigurationProperties("dispatch.digest")
public record DigestSettings(@DefaultValue("3") int lookbackDays, @DefaultValue("20") int maxArticles,
		@DefaultValue("100") int chunkSize, @DefaultValue("5000") int planChunkSize,
		@DefaultValue("MONDAY") DayOfWeek weeklyDay, @DefaultValue("Your keywords") String keywordsHeading) {

	public DigestSettings {
		if (planChunkSize < 1) {
			throw new IllegalArgumentException(
					"dispatch.digest.plan-chunk-size is " + planChunkSize + "; set it to 1 or more.");
		}
	}

}
