package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The paragraphs of plain text as a reader sees them, whichever way the writer marked
 * them:
 * <ul>
 * <li>blank lines between paragraphs (the lines of one paragraph are joined);</li>
 * <li>hard-wrapped lines with each paragraph's first line indented, as wire services send
 * copy;</li>
 * <li>hard-wrapped lines with neither: a line that ends a sentence where the next line's
 * first word would still have fitted ends its paragraph;</li>
 * <li>one paragraph a line, when the lines are too long to be wrapped.</li>
 * </ul>
 * Text counts as hard-wrapped when nine lines in ten fit a width of at most
 * {@value #MAX_WRAP} characters and at least {@value #MIN_WRAP} (shorter lines are a list
 * or verse, and stay together). Where there are blank lines, they decide, and an indent
 * starts a paragraph only in wrapped text after a line that ends a sentence: so a short
 * poem or a list in an ordinary story is left as it was. A bullet ("•") stands alone.
 */
final class PlainParagraphs {

	private static final Pattern BULLET = Pattern.compile("[•·▪◦●‣]");

	private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?:][\"”’')]*");

	/**
	 * The widest a line can be and still be taken as wrapped rather than a paragraph.
	 */
	static final int MAX_WRAP = 100;

	/**
	 * The narrowest wrap width taken as prose; narrower lines are a list or verse.
	 */
	static final int MIN_WRAP = 40;

	private static final int TAB = 8;

	private PlainParagraphs() {
	}

	/**
	 * A non-blank line.
	 *
	 * @param text the line with its white space folded
	 * @param indent the columns of white space before it
	 * @param width its columns, indent included
	 * @param afterBlank whether a blank line comes before it
	 */
	private record Line(String text, int indent, int width, boolean afterBlank) {

		boolean bullet() {
			return BULLET.matcher(this.text).lookingAt();
		}

		boolean endsSentence() {
			return SENTENCE_END.matcher(this.text).matches();
		}

		int firstWord() {
			int space = this.text.indexOf(' ');
			return (space < 0) ? this.text.length() : space;
		}

		boolean allCaps() {
			return HeadlineCase.allCaps(this.text);
		}

	}

	/**
	 * The paragraphs of a text with no headline, such as a feed entry's body.
	 */
	static List<String> of(List<String> rawLines) {
		List<Line> lines = lines(rawLines);
		return paragraphs(lines);
	}

	/**
	 * The paragraphs of a text that opens with its headline, the headline first: the
	 * first line, with the lines that continue it (those of its block when blank lines
	 * mark paragraphs, the further capital lines of a headline set in capitals).
	 */
	static List<String> headed(List<String> rawLines) {
		List<Line> lines = lines(rawLines);
		if (lines.isEmpty()) {
			return List.of();
		}
		int body = headlineLines(lines);
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add(String.join(" ", lines.subList(0, body).stream().map(Line::text).toList()));
		paragraphs.addAll(paragraphs(lines.subList(body, lines.size())));
		return paragraphs;
	}

	private static int headlineLines(List<Line> lines) {
		boolean blanks = lines.stream().skip(1).anyMatch(Line::afterBlank);
		Line first = lines.get(0);
		int end = 1;
		while (end < lines.size() && !lines.get(end).afterBlank() && !lines.get(end).bullet()
				&& Dateline.of(lines.get(end).text()) == null) {
			Line next = lines.get(end);
			boolean continues;
			if (first.allCaps()) {
				// a headline set in capitals ends where the copy turns to mixed case
				continues = next.allCaps() && next.indent() <= first.indent() && end < 3
						&& lines.stream().anyMatch((line) -> !line.allCaps());
			}
			else {
				// where blank lines mark paragraphs, the first block is the headline
				// unless its next line is indented
				continues = blanks && next.indent() <= first.indent();
			}
			if (!continues) {
				break;
			}
			end++;
		}
		return end;
	}

	private static List<String> paragraphs(List<Line> lines) {
		List<String> paragraphs = new ArrayList<>();
		if (lines.isEmpty()) {
			return paragraphs;
		}
		Layout layout = Layout.of(lines);
		StringBuilder current = new StringBuilder(lines.get(0).text());
		for (int i = 1; i < lines.size(); i++) {
			Line previous = lines.get(i - 1);
			Line line = lines.get(i);
			if (layout.breaksBetween(previous, line)) {
				paragraphs.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(' ');
			}
			current.append(line.text());
		}
		paragraphs.add(current.toString());
		return paragraphs;
	}

	/**
	 * How a body's paragraphs are marked, found from all its lines.
	 *
	 * @param width the width nine lines in ten fit
	 * @param base the indent of a line that continues a paragraph
	 * @param blanks whether blank lines separate paragraphs
	 * @param indents whether an indent starts a paragraph
	 */
	private record Layout(int width, int base, boolean blanks, boolean indents) {

		static Layout of(List<Line> lines) {
			List<Line> prose = lines.stream().filter((line) -> !line.bullet()).toList();
			boolean blanks = lines.stream().skip(1).anyMatch(Line::afterBlank);
			int width = width(prose);
			int base = prose.stream().mapToInt(Line::indent).min().orElse(0);
			boolean indents = wrapped(width)
					&& prose.stream().skip(1).anyMatch((line) -> !line.afterBlank() && line.indent() > base);
			return new Layout(width, base, blanks, indents);
		}

		private static int width(List<Line> prose) {
			if (prose.isEmpty()) {
				return 0;
			}
			int[] widths = prose.stream().mapToInt(Line::width).sorted().toArray();
			return widths[(int) Math.ceil(0.9 * (widths.length - 1))];
		}

		private static boolean wrapped(int width) {
			return width >= MIN_WRAP && width <= MAX_WRAP;
		}

		boolean breaksBetween(Line previous, Line line) {
			if (line.afterBlank() || line.bullet() || previous.bullet()) {
				return true;
			}
			if (this.width > MAX_WRAP) {
				// long lines without blank lines between them: each is a paragraph
				return !this.blanks;
			}
			if (!wrapped(this.width)) {
				// short lines, as of a list or verse, stay together
				return false;
			}
			if (this.indents) {
				return line.indent() > this.base && (!this.blanks || previous.endsSentence());
			}
			// wrapped without indents: a sentence's end where the next word would have
			// fitted on the line is where the writer broke the paragraph
			return !this.blanks && previous.endsSentence() && previous.width() + 1 + line.firstWord() <= this.width;
		}

	}

	private static List<Line> lines(List<String> rawLines) {
		List<Line> lines = new ArrayList<>(rawLines.size());
		boolean afterBlank = false;
		for (String raw : rawLines) {
			String text = HtmlText.normalise(raw);
			if (text.isEmpty()) {
				afterBlank = !lines.isEmpty();
				continue;
			}
			lines.add(new Line(text, indent(raw), indent(raw) + text.length(), afterBlank));
			afterBlank = false;
		}
		return lines;
	}

	private static int indent(String raw) {
		int columns = 0;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '\t') {
				columns += TAB - columns % TAB;
			}
			else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				columns++;
			}
			else {
				break;
			}
		}
		return columns;
	}

	/**
	 * The lines of a text, whatever its line ends.
	 */
	static List<String> split(String text) {
		return Arrays.asList(text.split("\\R", -1));
	}

}
