package news.dispatch.ingest;

import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads RSS (0.90–2.0, 1.0/RDF) and Atom feeds with Rome, and JSON Feeds (see
 * {@link JsonFeed}), forgiving what real feeds get wrong: a wrong or missing charset (see
 * {@link TextDecoding}), HTML entities XML does not know, a document type declaration,
 * and XML that is not well-formed, which is repaired by jsoup's lenient XML parser and
 * read again. What it cannot read it refuses with the reason; what it repaired it notes.
 */
final class FeedParser {

	private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE[^>\\[]*(\\[[^\\]]*\\])?\\s*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HTML_START = Pattern.compile(
			"^\\s*(<\\?xml[^>]*>\\s*)?(<!--.*?-->\\s*)*<(!doctype\\s+html|html|head|body)[\\s>]",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private FeedParser() {
	}

	/**
	 * A parsed feed.
	 *
	 * @param title the feed's own name for itself, if it has one
	 * @param notes what was wrong with it and how it was read anyway
	 * @param text the feed as read, for a second look at what Rome leaves out
	 */
	record Feed(@Nullable String title, List<SyndEntry> entries, List<String> notes, String text) {

		/**
		 * How often the feed asks to be read ({@code ttl}, {@code skipHours},
		 * {@code skipDays}).
		 */
		FeedSchedule schedule() {
			return FeedSchedule.of(this.text);
		}

	}

	/**
	 * A document that is a web page, not a feed.
	 */
	static final class NotAFeedException extends RuntimeException {

		private final String html;

		NotAFeedException(String html) {
			super("an HTML page");
			this.html = html;
		}

		String html() {
			return this.html;
		}

	}

	static Feed parse(String source, String address, byte[] bytes, @Nullable String contentType) {
		if (isBlank(bytes)) {
			throw new UnusableInputException(source, address,
					"the feed is empty (no content); check the address or the system that writes it");
		}
		if (TextDecoding.isBinary(bytes)) {
			throw new UnusableInputException(source, address, "the address gives binary data"
					+ ((contentType != null) ? " (" + contentType + ")" : "") + ", not a feed; check the address");
		}
		TextDecoding.Decoded decoded = TextDecoding.decode(bytes, contentType);
		List<String> notes = new ArrayList<>();
		if (decoded.note() != null) {
			notes.add("the feed " + decoded.note());
		}
		if (JsonFeed.isJson(decoded.text())) {
			return JsonFeed.parse(source, address, decoded.text(), notes);
		}
		String text = DOCTYPE.matcher(withoutLeadingJunk(decoded.text(), notes)).replaceFirst("");
		if (HTML_START.matcher(text).find()
				|| (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")
						&& !text.contains("<rss") && !text.contains("<feed") && !text.contains("<rdf:RDF"))) {
			throw new NotAFeedException(decoded.text());
		}
		try {
			SyndFeed feed = build(text);
			return finish(feed, text, notes);
		}
		catch (ParsingFeedException ex) {
			String repaired = repair(text);
			try {
				SyndFeed feed = build(repaired);
				notes.add("the feed is not well-formed XML (" + problem(ex)
						+ "); read what could be recovered, tell its publisher");
				return finish(feed, repaired, notes);
			}
			catch (FeedException | RuntimeException again) {
				throw new UnusableInputException(source, address, "the feed is not well-formed XML (" + problem(ex)
						+ ") and cannot be repaired; tell its publisher");
			}
		}
		catch (FeedException | IllegalArgumentException ex) {
			throw new UnusableInputException(source, address,
					"the document is not an RSS or Atom feed (" + firstLine(ex.getMessage()) + "); check the address");
		}
		catch (RuntimeException ex) {
			// Rome trips over some feeds it does not expect: one report line each
			throw new UnusableInputException(source, address, "the feed cannot be read ("
					+ ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage()) + "); tell its publisher");
		}
	}

	/**
	 * The feed from its XML declaration on, when something came before it: a PHP warning
	 * printed ahead of a WordPress feed is the usual case, and XML allows nothing there.
	 */
	private static String withoutLeadingJunk(String text, List<String> notes) {
		int declaration = text.indexOf("<?xml");
		if (declaration <= 0 || text.substring(0, declaration).isBlank()) {
			return text;
		}
		String junk = HtmlText.normalise(Jsoup.parse(text.substring(0, declaration)).text());
		notes.add("the feed has text before its XML declaration (\""
				+ ((junk.length() > 100) ? junk.substring(0, 100) + "…" : junk)
				+ "\"), such as a server's warning; read from the declaration on, tell its publisher");
		return text.substring(declaration);
	}

	/**
	 * The feed with what Rome leaves undone done: links resolved against xml:base and
	 * FeedBurner's original links, Atom authors inherited, shared guids set aside.
	 */
	private static Feed finish(SyndFeed feed, String text, List<String> notes) {
		resolveAgainstXmlBase(feed.getEntries(), text);
		inheritAtomAuthor(feed);
		originalLinks(feed.getEntries());
		distrustSharedGuids(feed.getEntries(), notes);
		return new Feed(feed.getTitle(), feed.getEntries(), notes, text);
	}

	private static SyndFeed build(String text) throws FeedException {
		SyndFeedInput input = new SyndFeedInput(false, Locale.ENGLISH);
		input.setXmlHealerOn(true);
		input.setAllowDoctypes(false);
		return input.build(new TextReader(text));
	}

	/**
	 * A reader of a string without {@link java.io.StringReader}'s lock: Rome's XML healer
	 * reads the feed a character at a time, and taking the lock for each one was a sixth
	 * of parsing a large feed.
	 */
	private static final class TextReader extends Reader {

		private final String text;

		private int next;

		TextReader(String text) {
			this.text = text;
		}

		@Override
		public int read() {
			return (this.next < this.text.length()) ? this.text.charAt(this.next++) : -1;
		}

		@Override
		public int read(char[] buffer, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			if (this.next >= this.text.length()) {
				return -1;
			}
			int count = Math.min(length, this.text.length() - this.next);
			this.text.getChars(this.next, this.next + count, buffer, offset);
			this.next += count;
			return count;
		}

		@Override
		public void close() {
		}

	}

	private static String repair(String text) {
		Document document = Jsoup.parse(text, "", Parser.xmlParser());
		document.childNodes().stream().filter(DocumentType.class::isInstance).toList().forEach((n) -> n.remove());
		document.outputSettings()
			.syntax(Document.OutputSettings.Syntax.xml)
			.escapeMode(org.jsoup.nodes.Entities.EscapeMode.xhtml)
			.prettyPrint(false)
			.charset("UTF-8");
		StringBuilder xml = new StringBuilder();
		for (Element root : document.children()) {
			xml.append(root.outerHtml());
		}
		return xml.toString();
	}

	/**
	 * Resolves the relative links of Atom entries against the {@code xml:base} in force
	 * where they are written (the entry's own, else its feed's), which Rome leaves
	 * unresolved; what is still relative afterwards resolves against the feed's address.
	 */
	private static void resolveAgainstXmlBase(List<SyndEntry> entries, String text) {
		if (!text.contains("xml:base")) {
			return;
		}
		List<Element> elements = Jsoup.parse(text, "", Parser.xmlParser()).select("entry");
		if (elements.size() != entries.size()) {
			return;
		}
		for (int i = 0; i < entries.size(); i++) {
			SyndEntry entry = entries.get(i);
			String link = entry.getLink();
			String base = xmlBase(elements.get(i));
			if (link == null || base == null) {
				continue;
			}
			try {
				URI relative = new URI(link.strip());
				if (!relative.isAbsolute()) {
					entry.setLink(new URI(base).resolve(relative).toString());
				}
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				// left as it is: the entry's link is reported as it was written
			}
		}
	}

	/**
	 * A guid that several different entries share (a feed that gives every item its home
	 * page, or a counter reset) cannot tell them apart: those entries are known by their
	 * links instead, and the report says so. Entries that are the same item twice keep
	 * the guid.
	 */
	private static void distrustSharedGuids(List<SyndEntry> entries, List<String> notes) {
		Map<String, List<SyndEntry>> byGuid = new LinkedHashMap<>();
		for (SyndEntry entry : entries) {
			if (entry.getUri() != null && !entry.getUri().isBlank()) {
				byGuid.computeIfAbsent(entry.getUri().strip(), (guid) -> new ArrayList<>()).add(entry);
			}
		}
		byGuid.forEach((guid, sharing) -> {
			long different = sharing.stream()
				.map((entry) -> entry.getLink() + "\n" + entry.getTitle())
				.distinct()
				.count();
			if (different > 1) {
				sharing.forEach((entry) -> entry.setUri(null));
				notes.add(sharing.size() + " entries share the guid " + guid
						+ "; they are told apart by their links, tell the publisher");
			}
		});
	}

	/**
	 * FeedBurner's {@code feedburner:origLink}: the story's own address, where the
	 * entry's link goes through FeedBurner's redirect.
	 */
	private static void originalLinks(List<SyndEntry> entries) {
		for (SyndEntry entry : entries) {
			for (org.jdom2.Element element : entry.getForeignMarkup()) {
				if (element.getName().equals("origLink") && element.getTextTrim().startsWith("http")) {
					entry.setLink(element.getTextTrim());
				}
			}
		}
	}

	/**
	 * An Atom entry without an author has its feed's (RFC 4287, 4.2.1); Rome leaves it
	 * empty.
	 */
	private static void inheritAtomAuthor(SyndFeed feed) {
		if (feed.getFeedType() == null || !feed.getFeedType().startsWith("atom") || feed.getAuthors().isEmpty()) {
			return;
		}
		String name = feed.getAuthors().get(0).getName();
		for (SyndEntry entry : feed.getEntries()) {
			if ((entry.getAuthor() == null || entry.getAuthor().isBlank()) && entry.getAuthors().isEmpty()) {
				entry.setAuthor(name);
			}
		}
	}

	private static @Nullable String xmlBase(Element element) {
		URI base = null;
		List<Element> chain = new ArrayList<>(element.parents());
		Collections.reverse(chain);
		chain.add(element);
		for (Element each : chain) {
			if (each.hasAttr("xml:base")) {
				try {
					URI next = new URI(each.attr("xml:base").strip());
					base = (base != null) ? base.resolve(next) : next;
				}
				catch (URISyntaxException ex) {
					return null;
				}
			}
		}
		return (base != null && base.isAbsolute()) ? base.toString() : null;
	}

	/**
	 * The raw publication times of the feed's entries, in document order, for telling an
	 * entry with no date from one whose date Rome could not read.
	 */
	static List<@Nullable String> rawDates(String text) {
		Document document = Jsoup.parse(text, "", Parser.xmlParser());
		List<@Nullable String> dates = new ArrayList<>();
		for (Element entry : document.select("item, entry")) {
			Element date = entry.selectFirst("> pubDate, > published, > updated, > dc|date, > date, > issued");
			dates.add((date != null && !date.text().isBlank()) ? date.text().strip() : null);
		}
		return dates;
	}

	private static String problem(ParsingFeedException ex) {
		String message = firstLine((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage());
		return ((ex.getLineNumber() > 0) ? "line " + ex.getLineNumber() + ": " : "")
				+ message.replaceFirst("^Error on line \\d+:\\s*", "");
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no detail";
		}
		String line = message.lines().findFirst().orElse("").strip();
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	private static boolean isBlank(byte[] bytes) {
		for (byte b : bytes) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

}
