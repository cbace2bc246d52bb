package news.dispatch.ingest;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Plain text read as a person reads it, whether an ordinary story with blank lines
 * between paragraphs or wire copy: hard-wrapped lines with indented paragraphs, a
 * headline in capitals, slug lines, a byline, "(more)" and "-- end" markers and the
 * agency's sign-off (see {@link PlainParagraphs} and {@link WireMarks}). The dateline
 * stays in the lead here: it is taken as the place once boilerplate is gone (see
 * {@link Dateline}).
 */
final class WireCopy {

	/**
	 * The longest paragraph in capitals that is taken as a headline when it opens a text
	 * with no headline of its own.
	 */
	private static final int MAX_HEADLINE = 150;

	private WireCopy() {
	}

	/**
	 * A story read from plain text.
	 *
	 * @param headline the headline, in title case when the copy set it in capitals
	 * @param paragraphs the body's paragraphs
	 * @param byline the byline's names, when the copy gave one
	 */
	record Story(String headline, List<String> paragraphs, @Nullable String byline) {
	}

	/**
	 * Reads text that opens with its headline, as an article file does, or null when the
	 * text has no words.
	 */
	static @Nullable Story headed(String text) {
		WireMarks.Stripped stripped = WireMarks.strip(PlainParagraphs.split(text), true);
		List<String> paragraphs = PlainParagraphs.headed(stripped.lines());
		if (paragraphs.isEmpty()) {
			return null;
		}
		return new Story(HeadlineCase.readable(paragraphs.get(0)), paragraphs.subList(1, paragraphs.size()),
				stripped.byline());
	}

	/**
	 * The paragraphs of text with no headline of its own, such as a feed entry's body: a
	 * first paragraph in capitals, which is the wire's headline repeated, is left out.
	 */
	static List<String> body(String text) {
		List<String> paragraphs = PlainParagraphs.of(WireMarks.strip(PlainParagraphs.split(text), false).lines());
		if (paragraphs.size() > 1 && paragraphs.get(0).length() <= MAX_HEADLINE
				&& HeadlineCase.allCaps(paragraphs.get(0)) && Dateline.of(paragraphs.get(0)) == null
				&& paragraphs.stream().anyMatch((paragraph) -> !HeadlineCase.allCaps(paragraph))) {
			return paragraphs.subList(1, paragraphs.size());
		}
		return paragraphs;
	}

}
