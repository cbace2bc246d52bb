package news.dispatch.ingest;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Takes the story out of a news page: headline, body paragraphs, author, publication
 * time, canonical address and the place its lead's dateline names. Scripts, styles,
 * navigation, share widgets, related-link lists, picture captions and comment forms are
 * not the story and are dropped before the body is read.
 */
final class PageExtractor {

	private static final String NOT_THE_STORY = "script, style, noscript, template, nav, form, iframe, svg, button,"
			+ " select, input, textarea, figure, figcaption, picture, video, audio, aside, footer, header, menu,"
			+ " [role=navigation], [role=complementary], [role=banner], [role=contentinfo], [hidden],"
			+ " [aria-hidden=true]";

	private static final Pattern CHROME = Pattern.compile("(^|[-_\\s])(share|sharing|social|related|relatedposts"
			+ "|comments?|newsletter|promo|advert|advertisement|ads?|breadcrumbs?|subscribe|subscription"
			+ "|regwall|consent|gdpr|cookies?|cookie-notice|sidebar|byline|caption"
			+ "|credits?|toolbar|tags|recommended|more-stories|read-more|most-read|popular|outbrain|taboola)([-_\\s]|$)",
			Pattern.CASE_INSENSITIVE);

	private static final String BODY_CANDIDATES = "[itemprop=articleBody], .article-body, .story-body, .entry-content,"
			+ " .post-content, .article-content, article, main, [role=main]";

	/**
	 * Where themes put the site's name, often in an h1: page headers (Blogger's
	 * {@code .Header} widget and {@code .header-outer}, WordPress's masthead) and logos.
	 */
	private static final String SITE_HEADER = "header, nav, .site-title, .site-branding, .logo, [class*=logo], .Header,"
			+ " .header-outer, .header-inner, .header-wrapper, .site-header, #header, #masthead";

	private final Boilerplate boilerplate;

	PageExtractor(Boilerplate boilerplate) {
		this.boilerplate = boilerplate;
	}

	/**
	 * The page's story.
	 * @param address where the page was read from: relative links resolve against it, and
	 * it is the canonical address when the page names none and it is a web address
	 * @throws UnusableInputException when the page has no headline or no story
	 */
	ArticleDraft extract(String html, String address, String source, String item) {
		Document page = Jsoup.parse(html, address);
		PageMetadata metadata = PageMetadata.of(page);
		String headline = headline(page, metadata);
		if (!metadata.article() && teasers(page) >= 3) {
			throw new UnusableInputException(source, item,
					"the page is a list of stories (a home or section page)," + " not one article; "
							+ ((metadata.feed() != null)
									? "it names its feed, " + metadata.feed() + ": give that address"
									: "give the site's feed or an article's address"));
		}
		page.select(NOT_THE_STORY).remove();
		removeChrome(page);
		Element body = storyContainer(page);
		body.select("h1").remove();
		removeLinkLists(body);
		if (headline == null || headline.isBlank()) {
			throw new UnusableInputException(source, item,
					"the page has no headline (no h1, og:title or title); it is not a news article");
		}
		List<String> paragraphs = Boilerplate.withoutHeadline(headline,
				this.boilerplate.clean(HtmlText.paragraphs(body)));
		if (paragraphs.isEmpty()) {
			throw new UnusableInputException(source, item,
					"the page has a headline but no story text; it is not a news article");
		}
		String canonical = (metadata.canonical() != null) ? metadata.canonical()
				: address.startsWith("http") ? address : null;
		return new ArticleDraft(headline, paragraphs, canonical, source, item, Dates.parse(metadata.published()),
				metadata.author(), (metadata.published() != null && Dates.parse(metadata.published()) == null)
						? metadata.published() : null)
			.located();
	}

	/**
	 * The story's paragraphs in a piece of HTML such as a feed entry's content, with what
	 * is not the story (pictures and captions, share widgets, related links) dropped.
	 * Plain text, and text that is all in one {@code pre}, is read as {@link WireCopy}
	 * reads it.
	 */
	List<String> fragment(String html) {
		if (html.indexOf('<') < 0) {
			return this.boilerplate.clean(HtmlText.paragraphsOfFragment(html));
		}
		Document fragment = Jsoup.parseBodyFragment(html);
		Element pre = fragment.body().selectFirst("pre");
		if (pre != null && pre.text().length() >= fragment.body().text().length() * 9 / 10) {
			// wire copy sent as it came off the wire, its lines and indents kept
			return this.boilerplate.clean(WireCopy.body(pre.wholeText()));
		}
		fragment.select(NOT_THE_STORY).remove();
		removeChrome(fragment);
		removeLinkLists(fragment.body());
		return this.boilerplate.clean(HtmlText.paragraphs(fragment.body()));
	}

	private static @Nullable String headline(Document page, PageMetadata metadata) {
		Element h1 = page.selectFirst("article h1, [itemprop=headline], main h1");
		if (h1 == null) {
			// not the site's name, which many themes set in an h1 in the page header
			h1 = page.select("h1")
				.stream()
				.filter((h) -> h.closest(SITE_HEADER) == null && !h.text().strip().equals(metadata.siteName()))
				.findFirst()
				.orElse(null);
		}
		if (h1 != null && !h1.text().isBlank()) {
			return HtmlText.normalise(h1.text());
		}
		if (metadata.headline() != null) {
			return metadata.headline();
		}
		String title = HtmlText.normalise(page.title());
		// "Headline | Site" or "Headline - Site": the site's name is not the headline
		return title.replaceFirst("\\s+[|\\-–—]\\s+[^|\\-–—]{1,40}$", "");
	}

	/**
	 * The headings that link to another page, as a home page's or a section's story
	 * teasers do (navigation and asides not counted).
	 */
	private static int teasers(Document page) {
		int teasers = 0;
		for (Element link : page.select("h2 a[href], h3 a[href], h4 a[href]")) {
			if (link.closest("nav, aside, footer, header, [role=navigation], [role=complementary]") == null) {
				teasers++;
			}
		}
		return teasers;
	}

	private static void removeChrome(Document page) {
		for (Element element : page.getAllElements()) {
			if (element.parent() == null || element.normalName().equals("body")
					|| element.normalName().equals("html")) {
				continue;
			}
			String marks = element.className() + " " + element.id();
			if (!marks.isBlank() && CHROME.matcher(marks).find()) {
				element.remove();
			}
		}
	}

	private static Element storyContainer(Document page) {
		Element best = null;
		int bestLength = 0;
		for (Element candidate : page.select(BODY_CANDIDATES)) {
			int length = paragraphText(candidate);
			if (length > bestLength) {
				best = candidate;
				bestLength = length;
			}
		}
		if (best == null) {
			// a marked-up article that writes its text in lines and brs, not p elements,
			// as Blogger posts do
			for (Element candidate : page.select(BODY_CANDIDATES)) {
				int length = candidate.text().length();
				if (length > bestLength) {
					best = candidate;
					bestLength = length;
				}
			}
		}
		if (best == null) {
			// no marked-up article: the element holding the most paragraph text
			for (Element p : page.select("p")) {
				Element parent = p.parent();
				int length = (parent != null) ? paragraphText(parent) : 0;
				if (length > bestLength) {
					best = parent;
					bestLength = length;
				}
			}
		}
		return (best != null) ? best : page.body();
	}

	private static int paragraphText(Element element) {
		int length = 0;
		for (Element p : element.select("p")) {
			length += p.text().length();
		}
		return length;
	}

	/**
	 * Whether a piece of HTML is links and little else, as an aggregator's entry is (a
	 * list of headlines linking to their publishers, each with the publisher's name): at
	 * least as much of its text is inside links as outside them.
	 */
	static boolean onlyLinks(String html) {
		if (html.indexOf("<a") < 0 && html.indexOf("<A") < 0) {
			return false;
		}
		Element body = Jsoup.parseBodyFragment(html).body();
		int linked = 0;
		for (Element a : body.select("a")) {
			linked += HtmlText.normalise(a.text()).length();
		}
		int all = HtmlText.normalise(body.text()).length();
		return linked > 0 && linked >= all - linked;
	}

	/**
	 * A list or paragraph that is mostly links is a list of other stories, not this one.
	 */
	private static void removeLinkLists(Element body) {
		Elements blocks = body.select("ul, ol, p, div");
		for (Element block : blocks) {
			String text = block.text();
			if (text.isEmpty()) {
				continue;
			}
			int linked = 0;
			for (Element a : block.select("a")) {
				linked += a.text().length();
			}
			double density = (double) linked / text.length();
			boolean list = block.normalName().equals("ul") || block.normalName().equals("ol");
			if ((list && density > 0.5) || (!list && density > 0.8 && text.length() < 200)) {
				block.remove();
			}
		}
	}

}
