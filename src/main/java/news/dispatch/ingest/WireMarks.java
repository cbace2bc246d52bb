package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The lines of plain-text copy that are for the desk, not the reader: slug lines above
 * the headline ("BC-JAPAN-TRADE"), the byline ("By John Smith"), the markers between and
 * after takes ("(more)", "MORE", "-- end", "- END -") and what agencies sign a story off
 * with ("Reuter", "(AP)", "(Reporting by …)", a transmission stamp). They are taken off
 * as whole lines, before the lines are joined into paragraphs.
 */
final class WireMarks {

	private static final Pattern SLUG = Pattern.compile("[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+"
			+ "(?:\\s+(?:\\S*\\d\\S*|URGENT|BULLETIN|FLASH|ADVISORY|Urgent|Bulletin|Advisory|Writethru|WRITETHRU"
			+ "|Lead|LEAD|Adv|ADV|Bjt|BJT))*");

	private static final Pattern MARKER = Pattern.compile("MORE|END|(?i:\\(more\\)|-+\\s*more\\s*-+|\\(end\\)"
			+ "|-+\\s*end\\s*-*|-0-|#\\s?#\\s?#|\\(end (optional|advance)\\))");

	private static final Pattern SIGNATURE = Pattern.compile("\\(?(?:Reuters?|REUTERS?|AP|AFP|UPI|dpa|DPA)\\)?"
			+ "|Associated Press|(?:[A-Z]{2,4}-){1,2}[A-Z]{2}-\\d\\d-\\d\\d-\\d{2,4}\\s+\\d{3,4}\\s?[A-Z]{2,4}"
			+ "|(?i:(?:copyright|©|\\(c\\))\\s.*(?:reuters|associated press|afp|all rights reserved).*)"
			// the end-of-text mark some archives keep, as a control character or escaped
			+ "|(?:&#\\d{1,3};|\\p{Cc})+");

	private static final Pattern SIGNED_LAST_LINE = Pattern
		.compile("(.*[.!?\"”’])\\s+(?:Reuters?|REUTERS?|\\(AP\\)|\\(Reuters\\)|AFP|\\(AFP\\))");

	private static final Pattern CREDITS = Pattern
		.compile("\\((?:Reporting|Writing|Editing|Additional reporting|Compiled|Edited) by\\b.*", Pattern.DOTALL);

	private static final Pattern BYLINE = Pattern.compile("(?:By|BY)\\s+(?<name>[\\p{Lu}][\\p{L}.'’-]*"
			+ "(?:\\s+(?:[\\p{Lu}][\\p{L}.'’-]*|and|AND|de|van|von|da|del|al|bin)){0,6})"
			+ "(?:,?\\s+[\\p{Lu}][\\p{L}.'’-]*(?:\\s+[\\p{Lu}][\\p{L}.'’-]*){0,5})?");

	private static final int BYLINE_LOOKAHEAD = 4;

	private WireMarks() {
	}

	/**
	 * The copy's lines without desk marks.
	 *
	 * @param byline the byline's names, when the copy had one
	 */
	record Stripped(List<String> lines, @Nullable String byline) {
	}

	/**
	 * Takes the desk's marks off. A headed text (an article file) may have slug lines
	 * above its headline, and its byline follows the headline; a text without a headline
	 * (a feed entry's body) may open with its byline.
	 */
	static Stripped strip(List<String> lines, boolean headed) {
		List<String> kept = new ArrayList<>(lines.size());
		for (String line : lines) {
			if (!MARKER.matcher(line.strip()).matches()) {
				kept.add(line);
			}
		}
		if (headed) {
			dropSlugs(kept);
		}
		dropSignOff(kept);
		String byline = dropByline(kept, headed ? 1 : 0);
		return new Stripped(kept, byline);
	}

	private static void dropSlugs(List<String> lines) {
		while (true) {
			int first = nextText(lines, 0);
			if (first < 0 || nextText(lines, first + 1) < 0 || !SLUG.matcher(lines.get(first).strip()).matches()) {
				return;
			}
			lines.subList(0, first + 1).clear();
		}
	}

	private static void dropSignOff(List<String> lines) {
		while (!lines.isEmpty()) {
			int last = lines.size() - 1;
			String line = lines.get(last).strip();
			if (line.isEmpty() || SIGNATURE.matcher(line).matches()) {
				lines.remove(last);
				continue;
			}
			int credits = creditsFrom(lines);
			if (credits >= 0) {
				lines.subList(credits, lines.size()).clear();
				continue;
			}
			Matcher signed = SIGNED_LAST_LINE.matcher(line);
			if (signed.matches()) {
				lines.set(last, signed.group(1));
			}
			return;
		}
	}

	/**
	 * Where the credits that close the copy start ("(Reporting by …; Editing by …)",
	 * wrapped over up to three lines), or -1.
	 */
	private static int creditsFrom(List<String> lines) {
		int last = lines.size() - 1;
		if (!lines.get(last).strip().endsWith(")")) {
			return -1;
		}
		for (int i = last; i >= Math.max(0, last - 2); i--) {
			String line = lines.get(i).strip();
			if (CREDITS.matcher(line).matches()) {
				return i;
			}
			if (line.isEmpty()) {
				return -1;
			}
		}
		return -1;
	}

	private static @Nullable String dropByline(List<String> lines, int skip) {
		int at = nextText(lines, 0);
		for (int seen = 0; at >= 0 && seen < skip + BYLINE_LOOKAHEAD; seen++) {
			if (seen >= skip) {
				Matcher byline = BYLINE.matcher(lines.get(at).strip());
				if (byline.matches()) {
					lines.remove(at);
					return HeadlineCase.readable(byline.group("name"));
				}
			}
			at = nextText(lines, at + 1);
		}
		return null;
	}

	private static int nextText(List<String> lines, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (!lines.get(i).isBlank()) {
				return i;
			}
		}
		return -1;
	}

}
