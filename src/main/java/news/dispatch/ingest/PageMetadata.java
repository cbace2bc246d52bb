package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a page says about its story outside the text: Open Graph and article meta tags,
 * schema.org microdata and JSON-LD, the canonical link, a {@code time} element; whether
 * it says it is an article (Open Graph type, article meta tags, JSON-LD, microdata), and
 * the feed it names.
 */
record PageMetadata(@Nullable String headline, @Nullable String author, @Nullable String published,
		@Nullable String canonical, boolean article, @Nullable String feed, @Nullable String siteName) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static PageMetadata of(Document page) {
		JsonNode ld = jsonLd(page);
		String headline = first(text(ld, "headline"),
				withoutSiteName(meta(page, "meta[property=og:title]"), meta(page, "meta[property=og:site_name]")));
		String author = first(meta(page, "meta[name=author]"), authors(ld.path("author")),
				elementText(page, "[itemprop=author] [itemprop=name]"),
				elementText(page, "[itemprop=author], [rel=author], .byline, .author, .post-author .fn"));
		if (author != null) {
			author = author.replaceFirst("(?i)^by\\s+", "");
		}
		String published = first(meta(page, "meta[property=article:published_time]"),
				meta(page, "meta[itemprop=datePublished]"), attribute(page, "[itemprop=datePublished]", "datetime"),
				text(ld, "datePublished"), meta(page, "meta[name=pubdate]"), meta(page, "meta[name=date]"),
				attribute(page, "article time[datetime]", "datetime"), attribute(page, "time[datetime]", "datetime"),
				attribute(page, "abbr.published[title]", "title"));
		String canonical = first(attribute(page, "link[rel=canonical]", "abs:href"),
				meta(page, "meta[property=og:url]"));
		if (canonical != null && !canonical.startsWith("http")) {
			canonical = null;
		}
		boolean article = "article".equals(meta(page, "meta[property=og:type]"))
				|| meta(page, "meta[property=article:published_time]") != null || !ld.isMissingNode()
				|| page.selectFirst("[itemprop=articleBody]") != null;
		String feed = attribute(page,
				"link[rel=alternate][type=application/rss+xml], link[rel=alternate][type=application/atom+xml]",
				"abs:href");
		return new PageMetadata(headline, (author != null && author.length() <= 300) ? author : null, published,
				canonical, article, feed, meta(page, "meta[property=og:site_name]"));
	}

	private static JsonNode jsonLd(Document page) {
		for (Element script : page.select("script[type=application/ld+json]")) {
			try {
				JsonNode node = JSON.readTree(script.data());
				JsonNode graph = node.has("@graph") ? node.get("@graph") : node;
				for (JsonNode candidate : graph.isArray() ? graph : List.of(graph)) {
					if (candidate.has("headline") || candidate.has("datePublished")) {
						return candidate;
					}
				}
			}
			catch (RuntimeException ex) {
				// a broken JSON-LD block is as good as none
			}
		}
		return JSON.missingNode();
	}

	/**
	 * "Headline - Site", as many sites write og:title, without the site's name.
	 */
	private static @Nullable String withoutSiteName(@Nullable String title, @Nullable String site) {
		if (title == null || site == null) {
			return title;
		}
		for (String separator : List.of(" - ", " | ", " – ", " — ", " :: ")) {
			if (title.endsWith(separator + site) && title.length() > (separator + site).length()) {
				return title.substring(0, title.length() - (separator + site).length()).strip();
			}
		}
		return title;
	}

	/**
	 * JSON-LD's author: a name, a person, or a list of them (every name, in order).
	 */
	private static @Nullable String authors(JsonNode author) {
		if (author.isString()) {
			return blankToNull(author.asString());
		}
		List<String> names = new ArrayList<>();
		for (JsonNode one : author.isArray() ? author : List.of(author)) {
			String name = one.isString() ? blankToNull(one.asString()) : text(one, "name");
			if (name != null && !names.contains(name)) {
				names.add(name);
			}
		}
		return names.isEmpty() ? null : String.join(", ", names);
	}

	private static @Nullable String meta(Document page, String selector) {
		return attribute(page, selector, "content");
	}

	private static @Nullable String attribute(Document page, String selector, String attribute) {
		Element element = page.selectFirst(selector);
		return (element != null) ? blankToNull(element.attr(attribute)) : null;
	}

	private static @Nullable String elementText(Document page, String selector) {
		Element element = page.selectFirst(selector);
		return (element != null) ? blankToNull(HtmlText.normalise(element.text())) : null;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? blankToNull(value.asString()) : null;
	}

	private static @Nullable String first(@Nullable String... values) {
		for (String value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
