package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The dateline that opens a wire story's lead: the place it was filed from, often with
 * the date and the agency, and a dash ("WASHINGTON, May 4 -", "TOKYO, March 3 -", "NEW
 * YORK (AP) --", "LONDON (Reuters) -", "SPRINGFIELD, Ill., May 4 (AP) —"). A reader takes
 * it as where the story happens, not as its first words.
 *
 * @param place where the story was filed, in the case a reader expects ("New York")
 * @param lead the lead without its dateline; empty when the dateline stands alone ("NEW
 * YORK, March 2 -" over a table of figures)
 */
record Dateline(String place, String lead) {

	private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
			+ "|Aug(?:ust)?|Sep(?:t)?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN|FEB|MARCH|MAR|APRIL|APR"
			+ "|MAY|JUNE|JULY|AUG|SEPT|SEP|OCT|NOV|DEC)\\.?";

	private static final String WORD = "[\\p{Lu}][\\p{L}.'’&-]*";

	private static final Pattern DATELINE = Pattern.compile("(?<place>" + WORD + "(?:\\s" + WORD + "){0,4})"
	// a region, as American datelines give the state: "SPRINGFIELD, Ill."
			+ "(?:,\\s(?!" + MONTH + "\\s\\d)(?<region>" + WORD + "(?:\\s" + WORD + ")?))?" + "(?:,\\s(?<date>" + MONTH
			+ "\\s\\d{1,2}))?" + "(?:\\s?\\((?<agency>[\\p{Lu}][\\p{L}-]{1,20}(?:\\s[\\p{Lu}][\\p{L}]{1,20})?)\\))?"
			// a dash: a hyphen needs a space beside it, else it joins words; a dateline
			// on its own, as over a table of figures, ends with its dash
			+ "(?:(?:\\s?(?:--|–|—)\\s?|\\s-\\s?|-\\s)(?<lead>[\\p{L}\\p{N}“\"‘'(].*)|\\s?(?:--|–|—|-)\\s*)",
			Pattern.DOTALL);

	private static final int MAX_PLACE = 60;

	/**
	 * The dateline opening this lead, or null when it has none. A place in mixed case
	 * counts only with a date or an agency; a place in capitals also alone ("LONDON -").
	 */
	static @Nullable Dateline of(String lead) {
		Matcher matcher = DATELINE.matcher(lead);
		if (!matcher.matches()) {
			return null;
		}
		String place = matcher.group("place");
		boolean capitals = HeadlineCase.allCaps(place);
		if (!capitals && matcher.group("date") == null && matcher.group("agency") == null) {
			return null;
		}
		String region = matcher.group("region");
		String whole = HeadlineCase.readable(place) + ((region != null) ? ", " + HeadlineCase.readable(region) : "");
		if (whole.length() > MAX_PLACE) {
			return null;
		}
		String rest = matcher.group("lead");
		return new Dateline(whole, (rest != null) ? rest.strip() : "");
	}

	/**
	 * A story's paragraphs with the dateline taken from the first.
	 *
	 * @param place where the story was filed, or null when its lead has no dateline
	 */
	record Located(@Nullable String place, List<String> paragraphs) {
	}

	/**
	 * The paragraphs with the first one's dateline, if it has one, taken off as the
	 * place.
	 */
	static Located locate(List<String> paragraphs) {
		if (paragraphs.isEmpty()) {
			return new Located(null, paragraphs);
		}
		Dateline dateline = of(paragraphs.get(0));
		if (dateline == null || (dateline.lead().isEmpty() && paragraphs.size() < 2)) {
			return new Located(null, paragraphs);
		}
		List<String> located = new ArrayList<>(paragraphs);
		if (dateline.lead().isEmpty()) {
			located.remove(0);
		}
		else {
			located.set(0, dateline.lead());
		}
		return new Located(dateline.place(), List.copyOf(located));
	}

}
