package news.dispatch.topic;

import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a body into sentences, paragraph by paragraph, as char ranges of the body. Uses
 * the JDK's sentence {@link BreakIterator}, which copes with curly quotes and non-Latin
 * scripts. A sentence never spans a paragraph break.
 */
final class Sentences {

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\r]*\\n");

	private Sentences() {
	}

	/**
	 * Return the sentences of {@code text} as {@code [start, end)} ranges, trimmed of
	 * surrounding whitespace, in order; blank stretches are skipped.
	 */
	static List<int[]> of(String text) {
		List<int[]> sentences = new ArrayList<>();
		BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
		Matcher paragraphBreak = PARAGRAPH_BREAK.matcher(text);
		int paragraphStart = 0;
		while (paragraphStart < text.length()) {
			int paragraphEnd = paragraphBreak.find(paragraphStart) ? paragraphBreak.start() : text.length();
			if (paragraphEnd > paragraphStart) {
				iterator.setText(new StringCharacterIterator(text, paragraphStart, paragraphEnd, paragraphStart));
				int start = iterator.first();
				for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
					addTrimmed(sentences, text, start, end);
				}
			}
			paragraphStart = (paragraphEnd < text.length()) ? paragraphBreak.end() : text.length();
		}
		return sentences;
	}

	private static void addTrimmed(List<int[]> sentences, String text, int start, int end) {
		while (start < end && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		if (end > start) {
			sentences.add(new int[] { start, end });
		}
	}

}
