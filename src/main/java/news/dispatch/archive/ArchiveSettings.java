package news.dispatch.archive;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public archive's pages, feeds and search.
 *
 * @param pageSize stories on one page of a topic or of search results
 * @param feedSize entries in a topic's Atom and JSON feeds, newest first
 * @param maxQueryLength longest search query taken; a longer one is refused with 400
 * @param maxSearchPages pages of search results a reader can page through
 * @param editionsListed recent days with stories listed on {@code /archive}
 * @param editionPerTopic the newest stories of each topic an edition's page shows (the
 * topic's page has them all)
 * @param cacheMaxAge how long browsers, feed readers and proxies may keep a page or feed
 * before asking again (with its ETag, answered 304 when nothing changed)
 * @param indexRefresh how often the search index takes in stories stored since; a story
 * is searchable at most about this long after it was ingested
 */
@ConfigurationProperties("dispatch.archive")
record ArchiveSettings(@DefaultValue("20") int pageSize, @DefaultValue("50") int feedSize,
		@DefaultValue("500") int maxQueryLength, @DefaultValue("50") int maxSearchPages,
		@DefaultValue("14") int editionsListed, @DefaultValue("10") int editionPerTopic,
		@DefaultValue("5m") Duration cacheMaxAge, @DefaultValue("30s") Duration indexRefresh) {

	ArchiveSettings {
		within("page-size", pageSize, 1, 200);
		within("feed-size", feedSize, 1, 1000);
		within("max-query-length", maxQueryLength, 10, 10_000);
		within("max-search-pages", maxSearchPages, 1, 1000);
		within("editions-listed", editionsListed, 1, 366);
		within("edition-per-topic", editionPerTopic, 1, 1000);
		if (cacheMaxAge.isNegative()) {
			throw new IllegalArgumentException(
					"dispatch.archive.cache-max-age cannot be negative; give a duration such as 5m, or 0s");
		}
		if (indexRefresh.isNegative() || indexRefresh.isZero()) {
			throw new IllegalArgumentException(
					"dispatch.archive.index-refresh must be longer than zero; give a duration such as 30s");
		}
	}

	private static void within(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(
					"dispatch.archive." + name + " is " + value + "; give a number from " + min + " to " + max);
		}
	}

}
