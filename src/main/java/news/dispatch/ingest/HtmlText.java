package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * The paragraphs of a piece of HTML as a reader sees them: block elements ({@code p},
 * {@code div}, headings, list items, …) and double line breaks end a paragraph, white
 * space is folded, and characters stay as the page wrote them (entities decoded).
 */
final class HtmlText {

	private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "blockquote", "li", "ul",
			"ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "td", "th", "header",
			"footer", "aside", "figure", "figcaption", "hr", "address", "center", "body");

	private HtmlText() {
	}

	/**
	 * The paragraphs of an HTML fragment, such as a feed entry's content. Plain text (no
	 * tags, entities decoded) is read as {@link WireCopy#body} reads it.
	 */
	static List<String> paragraphsOfFragment(String html) {
		if (html.indexOf('<') < 0) {
			return WireCopy.body((html.indexOf('&') >= 0) ? Parser.unescapeEntities(html, false) : html);
		}
		return paragraphs(Jsoup.parseBodyFragment(html).body());
	}

	static List<String> paragraphs(Element root) {
		List<String> paragraphs = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		root.traverse(new NodeVisitor() {

			private boolean lastWasBreak;

			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode text) {
					current.append(text.getWholeText());
					this.lastWasBreak = false;
				}
				else if (node instanceof Element element) {
					if (element.normalName().equals("br")) {
						if (this.lastWasBreak) {
							flush(current, paragraphs);
						}
						else {
							current.append(' ');
						}
						this.lastWasBreak = true;
					}
					else if (BLOCKS.contains(element.normalName())) {
						flush(current, paragraphs);
					}
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
					flush(current, paragraphs);
				}
			}

		});
		flush(current, paragraphs);
		return paragraphs;
	}

	private static void flush(StringBuilder current, List<String> paragraphs) {
		String paragraph = normalise(current);
		if (!paragraph.isEmpty()) {
			paragraphs.add(paragraph);
		}
		current.setLength(0);
	}

	/**
	 * Folds every run of white space (non-breaking spaces included) to one space, and
	 * drops soft hyphens and zero-width no-break spaces.
	 */
	static String normalise(CharSequence text) {
		StringBuilder out = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\u00AD' || c == '\uFEFF') {
				// soft hyphens (German and Dutch sites set one in every long word) and
				// stray byte order marks are invisible, and would split words for search
				continue;
			}
			if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B') {
				space = !out.isEmpty();
			}
			else {
				if (space) {
					out.append(' ');
					space = false;
				}
				out.append(c);
			}
		}
		return out.toString();
	}

}
