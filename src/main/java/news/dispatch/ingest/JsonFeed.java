package news.dispatch.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import org.jspecify.annotations.Nullable;
import org.jsoup.nodes.Entities;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON Feed (jsonfeed.org, versions 1 and 1.1) into the entries Rome gives for
 * RSS and Atom, so its items are taken like any feed's: {@code id} as the guid,
 * {@code url} as the link, {@code content_html} or {@code content_text} (else
 * {@code summary}) as the text, {@code date_published} (else {@code date_modified}) and
 * the authors' names.
 */
final class JsonFeed {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonFeed() {
	}

	/**
	 * Whether the text is JSON rather than markup.
	 */
	static boolean isJson(String text) {
		String start = text.stripLeading();
		return start.startsWith("{") || start.startsWith("[");
	}

	static FeedParser.Feed parse(String source, String address, String text, List<String> notes) {
		JsonNode feed;
		try {
			feed = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new UnusableInputException(source, address, "the address gives JSON that is not valid ("
					+ ex.getOriginalMessage() + "), not a feed; tell its publisher or check the address");
		}
		if (!feed.path("version").asString("").contains("jsonfeed.org") || !feed.path("items").isArray()) {
			throw new UnusableInputException(source, address,
					"the address gives JSON, not a feed (RSS, Atom or JSON"
							+ " Feed with a jsonfeed.org version and items); check the address, or save the articles as"
							+ " .json files in a folder source");
		}
		List<SyndEntry> entries = new ArrayList<>();
		for (JsonNode item : feed.path("items")) {
			entries.add(entry(item));
		}
		return new FeedParser.Feed(string(feed, "title"), entries, notes, "");
	}

	private static SyndEntry entry(JsonNode item) {
		SyndEntry entry = new SyndEntryImpl();
		entry.setUri(string(item, "id"));
		String url = string(item, "url");
		entry.setLink((url != null) ? url : string(item, "external_url"));
		entry.setTitle(string(item, "title"));
		String html = string(item, "content_html");
		String plain = string(item, "content_text");
		if (html != null || plain != null) {
			entry.setContents(List.of(content((html != null) ? html : paragraphs(plain))));
		}
		String summary = string(item, "summary");
		if (summary != null) {
			entry.setDescription(content(Entities.escape(summary)));
		}
		Date published = date(string(item, "date_published"));
		Date modified = date(string(item, "date_modified"));
		if (published != null) {
			entry.setPublishedDate(published);
		}
		if (modified != null) {
			entry.setUpdatedDate(modified);
		}
		entry.setAuthor(authors(item));
		return entry;
	}

	private static SyndContent content(String html) {
		SyndContent content = new SyndContentImpl();
		content.setType("html");
		content.setValue(html);
		return content;
	}

	/**
	 * Plain text as HTML that keeps it as it was written, lines and indents included, so
	 * that a {@code <} or {@code &} in it stays text and its paragraphs are read as plain
	 * text's are (see {@link WireCopy}).
	 */
	private static String paragraphs(String plain) {
		return "<pre>" + Entities.escape(plain) + "</pre>";
	}

	private static @Nullable String authors(JsonNode item) {
		List<String> names = new ArrayList<>();
		for (JsonNode author : item.path("authors")) {
			String name = string(author, "name");
			if (name != null) {
				names.add(name);
			}
		}
		// version 1 had one author
		String one = string(item.path("author"), "name");
		if (names.isEmpty() && one != null) {
			names.add(one);
		}
		return names.isEmpty() ? null : String.join(", ", names);
	}

	private static @Nullable Date date(@Nullable String text) {
		Instant instant = Dates.parse(text);
		return (instant != null) ? Date.from(instant) : null;
	}

	private static @Nullable String string(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isString() && !value.asString().isBlank()) {
			return value.asString().strip();
		}
		return value.isNumber() ? value.asString() : null;
	}

}
