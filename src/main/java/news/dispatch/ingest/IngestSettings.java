package news.dispatch.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How articles are taken in.
 *
 * @param sources the folders, feeds and pages {@code dispatch ingest} reads when given
 * none
 * @param folders folders read as well (the first slice's key, kept for old job files);
 * with no sources and no folders, the inbox in the data directory
 * @param maxFileSize a larger file or page is refused without being read
 * @param maxFeedSize a larger feed is refused without being read whole
 * @param chunkSize articles stored per transaction
 * @param readAheadThreads threads that read and fingerprint the next items while a chunk
 * is stored; 0 reads them in the step's own thread
 * @param prefetchSources feeds and pages downloaded and parsed ahead of their turn, while
 * the sources before them are stored (see {@link SourcePrefetch}); 0 downloads each in
 * its turn
 * @param connectTimeout how long to wait for a server to accept the connection
 * @param readTimeout how long to wait for each read from a server
 * @param fetchTimeout how long a whole download may take
 * @param maxRedirects redirects followed before a source is refused
 * @param userAgent what Dispatch calls itself to servers
 * @param contact an email address or web address where a feed's publisher reaches the
 * newsroom, added to the User-Agent (and sent as {@code From} when an email address);
 * empty: none
 * @param politeness how servers are spared and failing sources backed off
 * @param futureTolerance a publication time later than now by more than this is not
 * believed: the story is stored with the time of ingest and the report says so
 * @param nearDuplicate how close two texts must be to be one story
 * @param boilerplate patterns (regular expressions over a whole paragraph, case ignored)
 * added to the standard ones
 */
@ConfigurationProperties("dispatch.ingest")
public record IngestSettings(@DefaultValue List<Source> sources, @DefaultValue List<Path> folders,
		@DefaultValue("5MB") DataSize maxFileSize, @DefaultValue("20MB") DataSize maxFeedSize,
		@DefaultValue("100") int chunkSize, @DefaultValue("1") int readAheadThreads,
		@DefaultValue("2") int prefetchSources, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("20s") Duration readTimeout, @DefaultValue("60s") Duration fetchTimeout,
		@DefaultValue("5") int maxRedirects, @DefaultValue("Dispatch/0.1 (newsroom digests)") String userAgent,
		@DefaultValue("") String contact, @DefaultValue Politeness politeness,
		@DefaultValue("1h") Duration futureTolerance, @DefaultValue NearDuplicate nearDuplicate,
		@DefaultValue BoilerplatePatterns boilerplate) {

	/**
	 * One source.
	 *
	 * @param location a folder, or an {@code http(s)://} or {@code file:} URL
	 * @param name what the report and "also in" call it; default: the folder, or the
	 * URL's host
	 * @param type {@code auto} (a folder, else a feed; an address that serves a web page
	 * is read as one article), {@code feed}, {@code page} or {@code folder}
	 * @param fullText for a feed that gives only summaries: each new entry's linked page
	 * is read, and the story taken from it (see {@link LinkedPages})
	 */
	public record Source(String location, @Nullable String name, @DefaultValue("auto") String type,
			@DefaultValue("false") boolean fullText) {
	}

	/**
	 * @param minSimilarity two stories are one when the Jaccard similarity of their
	 * bodies' three-word shingles is at least this (0–1); see {@code MinHash} for how
	 * likely a pair of a given similarity is to be found
	 * @param minWords a body shorter than this is only ever the same story as an
	 * identical text: short texts share too few shingles to compare
	 */
	public record NearDuplicate(@DefaultValue("0.5") double minSimilarity, @DefaultValue("25") int minWords) {
	}

	/**
	 * @param dropLines paragraphs that match are removed
	 * @param cutFrom a paragraph that matches ends the story
	 */
	public record BoilerplatePatterns(@DefaultValue List<String> dropLines, @DefaultValue List<String> cutFrom) {
	}

	/**
	 * How Dispatch treats the servers it reads.
	 *
	 * @param hostConnections requests to one host at once, over every source and linked
	 * page of the process
	 * @param hostInterval least time between the starts of two requests to one host
	 * @param maxWait the longest a server's Retry-After, Cache-Control, Expires or a
	 * feed's ttl may keep a source unread
	 * @param failuresBeforeBackoff failures in a row after which a source is read less
	 * often
	 * @param backoff the first pause of a failing source, doubled with each further
	 * failure
	 * @param maxBackoff the longest pause of a failing source
	 * @param alertAfter a source failing for this long is reported to the operator (a log
	 * line, the gauge {@code dispatch.ingest.sources.reported}, a {@link SourceFailing}
	 * event); 0: never
	 */
	public record Politeness(@DefaultValue("2") int hostConnections, @DefaultValue("500ms") Duration hostInterval,
			@DefaultValue("24h") Duration maxWait, @DefaultValue("3") int failuresBeforeBackoff,
			@DefaultValue("10m") Duration backoff, @DefaultValue("12h") Duration maxBackoff,
			@DefaultValue("24h") Duration alertAfter) {

		public Politeness {
			if (hostConnections < 1) {
				throw new IllegalArgumentException(
						"dispatch.ingest.politeness.host-connections is " + hostConnections + "; give 1 or more");
			}
			if (hostInterval.isNegative() || maxWait.isNegative() || backoff.isNegative() || maxBackoff.isNegative()
					|| alertAfter.isNegative()) {
				throw new IllegalArgumentException(
						"a dispatch.ingest.politeness duration is negative; give 0 or more (such as 500ms, 10m, 24h)");
			}
			if (failuresBeforeBackoff < 1) {
				throw new IllegalArgumentException("dispatch.ingest.politeness.failures-before-backoff is "
						+ failuresBeforeBackoff + "; give 1 or more");
			}
		}

	}

	/**
	 * What Dispatch calls itself: the User-Agent with the contact address, when one is
	 * given.
	 */
	String userAgentWithContact() {
		if (this.contact.isBlank()) {
			return this.userAgent;
		}
		String contact = this.contact.strip();
		String reach = contact.contains("@") && !contact.contains("://") ? "mailto:" + contact : contact;
		String agent = this.userAgent.strip();
		return agent.endsWith(")") ? agent.substring(0, agent.length() - 1) + "; +" + reach + ")"
				: agent + " (+" + reach + ")";
	}

	Boilerplate cleaner() {
		return new Boilerplate(this.boilerplate.dropLines(), this.boilerplate.cutFrom());
	}

}
