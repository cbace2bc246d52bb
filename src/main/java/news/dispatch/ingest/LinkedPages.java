package news.dispatch.ingest;

import org.jspecify.annotations.Nullable;

/**
 * For a feed that gives only a summary of each story ({@code full-text: true}): reads the
 * page an entry links to and takes the story's paragraphs from it, when the page holds
 * more of the story than the feed. The entry's title stays the headline; the page's
 * canonical address, and its time and byline where the feed gives none, are taken too. A
 * page that cannot be read leaves the feed's text, with a note in the report.
 */
final class LinkedPages {

	private final Fetcher fetcher;

	private final PageExtractor pages;

	private final long maxBytes;

	LinkedPages(IngestSettings settings, HostGates hosts) {
		this.fetcher = new Fetcher(settings, hosts);
		this.pages = new PageExtractor(settings.cleaner());
		this.maxBytes = settings.maxFileSize().toBytes();
	}

	/**
	 * The story, whole.
	 *
	 * @param note why the feed's text was kept, for the report; null when the page was
	 * read
	 */
	record Story(ArticleDraft draft, @Nullable String note) {
	}

	Story complete(ArticleDraft summary) {
		if (summary.url() == null) {
			return new Story(summary,
					"the entry links to no web page to read the whole story from; stored with the feed's text");
		}
		ArticleDraft page;
		try {
			Fetcher.Fetched fetched = this.fetcher.fetch(summary.source(), summary.url(), null, null, this.maxBytes);
			if (fetched.unchanged() || TextDecoding.isBinary(fetched.body())) {
				return new Story(summary,
						"the linked page " + summary.url() + " is not a web page; stored with the feed's text");
			}
			String html = TextDecoding.decode(fetched.body(), fetched.contentType()).text();
			page = this.pages.extract(html, fetched.address(), summary.source(), summary.item());
		}
		catch (UnusableInputException ex) {
			return new Story(summary,
					"the linked page could not be read (" + ex.reason() + "); stored with the feed's text");
		}
		if (words(page.body()) <= words(summary.body())) {
			return new Story(summary, null);
		}
		boolean dated = summary.publishedAt() != null || summary.unreadableDate() != null;
		ArticleDraft whole = new ArticleDraft(summary.headline(), page.paragraphs(),
				(page.url() != null) ? page.url() : summary.url(), summary.source(), summary.item(),
				dated ? summary.publishedAt() : page.publishedAt(),
				(summary.author() != null) ? summary.author() : page.author(),
				dated ? summary.unreadableDate() : page.unreadableDate(),
				(summary.place() != null) ? summary.place() : page.place());
		return new Story(whole, null);
	}

	private static int words(String text) {
		return MinHash.wordHashes(text).length;
	}

}
