package news.dispatch.ingest;

import java.util.regex.Pattern;

/**
 * Markdown as a reader sees it: the words, without the marks. Headings lose their
 * {@code #}, links and images keep only their text, emphasis and code marks go, and block
 * quotes lose their {@code >}. Paragraph breaks stay as they are.
 */
final class Markdown {

	private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");

	private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s+\\S+.*$");

	private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern SETEXT = Pattern.compile("(?m)^\\s{0,3}(=+|-+)\\s*$");

	private static final Pattern QUOTE = Pattern.compile("(?m)^\\s{0,3}>\\s?");

	private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|_|`+|~~)(?=\\S)(.+?)(?<=\\S)\\1");

	private static final Pattern RULE = Pattern.compile("(?m)^\\s{0,3}([-*_]\\s*){3,}$");

	private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s{0,3}[-*+]\\s+");

	private Markdown() {
	}

	static String plain(String markdown) {
		String text = REFERENCE_DEFINITION.matcher(markdown).replaceAll("");
		text = RULE.matcher(text).replaceAll("");
		text = SETEXT.matcher(text).replaceAll("");
		text = HEADING.matcher(text).replaceAll("$1\n");
		text = QUOTE.matcher(text).replaceAll("");
		// an image is a picture, and its alt text a caption: neither is the story
		text = IMAGE.matcher(text).replaceAll("");
		text = LINK.matcher(text).replaceAll("$1");
		// list items read like the related-link bullets of the text format
		text = LIST_ITEM.matcher(text).replaceAll("• ");
		String previous;
		do {
			previous = text;
			text = EMPHASIS.matcher(text).replaceAll("$2");
		}
		while (!text.equals(previous));
		return text;
	}

}
