package news.dispatch.ingest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a feed's or a page's address gave: nothing new (the server said it had not
 * changed), a parsed feed, or a page's HTML. The downloaded bytes are not kept.
 *
 * @param address where it was finally read from, after redirects; null when unchanged
 * @param etag the validators to send next time
 * @param freshUntil until when the server says it stays as it is
 * @param due false when the source was not read because it is not due (see
 * {@link SourceHealth})
 */
record SourceDownload(@Nullable String address, @Nullable String etag, @Nullable String lastModified,
		FeedParser.@Nullable Feed feed, @Nullable String page, @Nullable Instant freshUntil, boolean due) {

	private static final SourceDownload NOT_DUE = new SourceDownload(null, null, null, null, null, null, false);

	/**
	 * The server said the document has not changed.
	 */
	boolean unchanged() {
		return this.address == null || this.feed == null && this.page == null;
	}

	/**
	 * Downloads the source with the validators of its last fetch, and parses it.
	 * @throws UnusableInputException when the server fails, or a feed cannot be read
	 */
	static SourceDownload of(SourceSpec spec, IngestSettings settings, Fetcher fetcher, SourceStates.State known) {
		if (!known.due(Instant.now())) {
			return NOT_DUE;
		}
		boolean page = spec.type() == SourceSpec.Type.PAGE;
		long limit = (page ? settings.maxFileSize() : settings.maxFeedSize()).toBytes();
		Fetcher.Fetched document = fetcher.fetch(spec.name(), spec.location(), known.etag(), known.lastModified(),
				limit);
		if (document.unchanged()) {
			return new SourceDownload(document.address(), null, null, null, null, document.freshUntil(), true);
		}
		if (page) {
			return page(document, TextDecoding.decode(document.body(), document.contentType()).text());
		}
		try {
			FeedParser.Feed feed = FeedParser.parse(spec.name(), spec.location(), document.body(),
					document.contentType());
			return new SourceDownload(document.address(), document.etag(), document.lastModified(), feed, null,
					document.freshUntil(), true);
		}
		catch (FeedParser.NotAFeedException ex) {
			if (spec.type() == SourceSpec.Type.FEED) {
				throw new UnusableInputException(spec.name(), spec.location(),
						"the address gives a web page, not a feed; give the feed's address, or make the source"
								+ " type: page");
			}
			return page(document, ex.html());
		}
	}

	private static SourceDownload page(Fetcher.Fetched document, String html) {
		return new SourceDownload(document.address(), document.etag(), document.lastModified(), null, html,
				document.freshUntil(), true);
	}

}
