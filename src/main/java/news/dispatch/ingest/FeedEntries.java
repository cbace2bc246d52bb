package news.dispatch.ingest;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * Turns a feed entry into a story: its title (in title case when set in capitals), the
 * paragraphs of its content (or, when the description is longer, of its description;
 * plain text is read as {@link WireCopy} reads it), its link as the canonical address,
 * its publication (else update) time, its author, and the place its lead's dateline
 * names. An entry with no title or no text is refused.
 */
final class FeedEntries {

	private static final Pattern ESCAPED_MARKUP = Pattern
		.compile("&lt;/?(p|br|div|span|a|em|strong|b|i|img|ul|ol|li|h[1-6]|blockquote|figure)(\\s[^&]*)?/?&gt;");

	private static final Pattern EMAIL_AND_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)$");

	private final PageExtractor pages;

	FeedEntries(Boilerplate boilerplate) {
		this.pages = new PageExtractor(boilerplate);
	}

	/**
	 * What the report calls the entry: its link, else its guid, else its position.
	 */
	static String item(SyndEntry entry, int index, String feedAddress) {
		String link = link(entry, feedAddress);
		if (link != null) {
			return link;
		}
		return (entry.getUri() != null && !entry.getUri().isBlank()) ? entry.getUri().strip() : "entry " + (index + 1);
	}

	/**
	 * The key that tells whether the source gave this entry before: its guid, else its
	 * link; null when it has neither (then its text decides).
	 */
	static @Nullable String seenKey(SyndEntry entry, String feedAddress) {
		if (entry.getUri() != null && !entry.getUri().isBlank()) {
			return "guid:" + entry.getUri().strip();
		}
		String link = link(entry, feedAddress);
		return (link != null) ? "link:" + link : null;
	}

	ArticleDraft draft(SyndEntry entry, String source, String item, String feedAddress, @Nullable String rawDate) {
		String title = (entry.getTitle() != null) ? HeadlineCase.readable(text(entry.getTitle())) : "";
		if (title.isBlank()) {
			throw new UnusableInputException(source, item, "the entry has no title; it was left out");
		}
		String body = unescapedOnce(body(entry));
		if (PageExtractor.onlyLinks(body)) {
			throw new UnusableInputException(source, item,
					"the entry's text is only links to other pages (an"
							+ " aggregator's list, as Google News gives), not a story; it was left out: ingest the"
							+ " publishers' own feeds instead");
		}
		List<String> paragraphs = Boilerplate.withoutHeadline(title, this.pages.fragment(body));
		if (paragraphs.isEmpty()) {
			throw new UnusableInputException(source, item, noText(entry));
		}
		Date date = (entry.getPublishedDate() != null) ? entry.getPublishedDate() : entry.getUpdatedDate();
		Instant published = (date != null) ? date.toInstant() : Dates.parse(rawDate);
		String author = (entry.getAuthor() != null && !entry.getAuthor().isBlank()) ? byline(text(entry.getAuthor()))
				: null;
		return new ArticleDraft(title, paragraphs, link(entry, feedAddress), source, item, published,
				(author != null && author.length() <= 300) ? author : null, (published == null) ? rawDate : null)
			.located();
	}

	/**
	 * Markup escaped twice, as some publishing systems write it
	 * ({@code &amp;lt;p&amp;gt;} in the XML), unescaped once more: else the tags would be
	 * the story's text.
	 */
	private static String unescapedOnce(String body) {
		if (body.indexOf('<') < 0 && ESCAPED_MARKUP.matcher(body).find()) {
			return Parser.unescapeEntities(body, false);
		}
		return body;
	}

	/**
	 * The name in RSS 2.0's {@code <author>}, which is an email address with the name in
	 * brackets: "jane@example.com (Jane Doe)".
	 */
	private static String byline(String author) {
		Matcher named = EMAIL_AND_NAME.matcher(author);
		return named.matches() ? named.group(1).strip() : author;
	}

	private static String noText(SyndEntry entry) {
		for (SyndEnclosure enclosure : entry.getEnclosures()) {
			if (enclosure.getUrl() != null) {
				return "the entry is only an enclosure ("
						+ ((enclosure.getType() != null) ? enclosure.getType() + " " : "") + enclosure.getUrl()
						+ "), such as a podcast episode, with no text; it was left out";
			}
		}
		return "the entry has a title but no text (no description or content); it was left out";
	}

	/**
	 * The entry's longest text: its content, its description, or what a media or podcast
	 * extension says of it (YouTube's {@code media:group}, {@code itunes:summary}), which
	 * Rome leaves as foreign markup.
	 */
	private static String body(SyndEntry entry) {
		String content = ForeignText.of(entry);
		for (SyndContent part : entry.getContents()) {
			if (part.getValue() != null && part.getValue().length() > content.length()) {
				content = part.getValue();
			}
		}
		SyndContent description = entry.getDescription();
		if (description != null && description.getValue() != null
				&& description.getValue().length() > content.length()) {
			content = description.getValue();
		}
		return content;
	}

	private static String text(String html) {
		String text = (html.indexOf('<') >= 0 || html.indexOf('&') >= 0) ? Jsoup.parse(html).text() : html;
		return HtmlText.normalise(text);
	}

	private static @Nullable String link(SyndEntry entry, String feedAddress) {
		String link = entry.getLink();
		if (link == null || link.isBlank()) {
			return null;
		}
		if (link.equals(entry.getUri()) && !link.strip().startsWith("http")) {
			// Rome takes a guid for the link when there is none, even a guid like "12345"
			return null;
		}
		try {
			URI resolved = feedAddress.startsWith("http") ? URI.create(feedAddress).resolve(link.strip())
					: URI.create(link.strip());
			String scheme = resolved.getScheme();
			return (scheme != null && scheme.startsWith("http")) ? resolved.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
