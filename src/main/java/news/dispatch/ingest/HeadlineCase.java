package news.dispatch.ingest;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ALL-CAPS line, as wire services set headlines and datelines, in the case a reader
 * expects: title case, with the short words of a title in lower case and acronyms kept
 * ("U.S. HOUSE PASSES TRADE BILL" reads "U.S. House Passes Trade Bill", "NATO AND EU
 * LEADERS MEET" reads "NATO and EU Leaders Meet"). Text with any lower-case letter is
 * left as it is.
 */
final class HeadlineCase {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’]*");

	private static final Set<String> SMALL = Set.of("a", "an", "and", "as", "at", "but", "by", "for", "from", "in",
			"into", "nor", "of", "off", "on", "onto", "or", "over", "per", "than", "the", "to", "up", "via", "vs",
			"with",
			// the particles of place names: "RIO DE JANEIRO", "PORT-AU-PRINCE", "DAR ES
			// SALAAM"
			"de", "del", "du", "au", "es");

	/**
	 * Two-letter words that are words, not abbreviations ("UK", "EU", "UN" stay as they
	 * are).
	 */
	private static final Set<String> TWO_LETTER_WORDS = Set.of("am", "an", "as", "at", "be", "by", "do", "go", "he",
			"if", "in", "is", "it", "me", "mr", "ms", "dr", "st", "my", "no", "of", "oh", "ok", "on", "or", "so", "to",
			"up", "we", "de", "du", "au", "es");

	private static final Set<String> ACRONYMS = Set.of("NATO", "OPEC", "NASA", "UNESCO", "UNICEF", "FIFA", "UEFA",
			"AIDS", "OECD", "ASEAN", "GATT", "NAFTA", "IAEA", "CEO", "CFO", "IPO", "GDP", "IMF", "ECB", "SEC", "FDA",
			"EPA", "FBI", "CIA", "NSA", "ANC", "PLO", "USSR", "UAE", "ICBM", "NYSE", "NASDAQ", "COVID", "OPEC+", "AFP",
			"BBC", "IBM", "EEC", "ECU", "LDP", "SDR", "OTC", "MPS", "AGM", "DAX", "FTSE", "WTO");

	/**
	 * Words that are never acronyms, although they have no vowel.
	 */
	private static final Set<String> NOT_ACRONYMS = Set.of("mr", "mrs", "ms", "dr", "st", "ltd", "hwy", "jr", "sr",
			"vs", "why", "by", "my", "fly", "try", "dry", "cry", "sky", "spy", "shy", "sly", "ply", "pry", "wry", "gym",
			"myth", "lynch", "nymph", "rhythm", "crypt", "tryst", "lymph", "hymn", "psych", "sync", "syncs", "shh",
			"pfft", "hmm",
			// the wire's abbreviations: "1ST QTR NET", "SHR", "MLN DLRS"
			"qtr", "mln", "bln", "pct", "cts", "dlrs", "shr", "shrs", "yr", "yrs", "mth", "mths", "wk", "wks", "ft",
			"sq", "blvd");

	private HeadlineCase() {
	}

	/**
	 * Whether the text is set in capitals: it has at least two letters and none of them
	 * is lower case.
	 */
	static boolean allCaps(String text) {
		int letters = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLowerCase(c)) {
				return false;
			}
			if (Character.isLetter(c)) {
				letters++;
			}
		}
		return letters >= 2;
	}

	/**
	 * The text in title case when it is set in capitals, else the text itself.
	 */
	static String readable(String text) {
		if (!allCaps(text)) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		Matcher word = WORD.matcher(text);
		int end = 0;
		boolean first = true;
		while (word.find()) {
			String between = text.substring(end, word.start());
			out.append(between);
			// a word after a colon or a dash starts a title again: "TRADE: THE ..."
			boolean starts = first || between.contains(":") || between.contains(" - ") || between.contains("—");
			out.append(word(word.group(), starts));
			end = word.end();
			first = false;
		}
		out.append(text.substring(end));
		return out.toString();
	}

	private static String word(String word, boolean starts) {
		String lower = word.toLowerCase(Locale.ROOT);
		if (keptInCapitals(word, lower)) {
			return word;
		}
		if (!starts && SMALL.contains(lower)) {
			return lower;
		}
		if (word.matches("\\d+(ST|ND|RD|TH)")) {
			return lower;
		}
		if (word.matches("[OD]['’]\\p{L}{2,}.*")) {
			// O'NEILL, D'AMATO
			return word.substring(0, 2) + capitalised(lower.substring(2));
		}
		if (word.matches("MC\\p{L}{3,}")) {
			return "Mc" + capitalised(lower.substring(2));
		}
		return capitalised(lower);
	}

	private static boolean keptInCapitals(String word, String lower) {
		if (ACRONYMS.contains(word) || word.matches("(\\p{L}\\.)+\\p{L}?\\.?") && word.length() > 2) {
			// U.S., U.N., D.C.
			return true;
		}
		if (word.chars().anyMatch(Character::isDigit)) {
			// G7, F16, 3M; but ordinals such as 3RD are words
			return !word.matches("\\d+(ST|ND|RD|TH)");
		}
		if (word.length() == 2 && word.chars().allMatch(Character::isLetter)) {
			return !TWO_LETTER_WORDS.contains(lower);
		}
		return word.length() <= 5 && !NOT_ACRONYMS.contains(lower) && lower.chars().allMatch(Character::isLetter)
				&& lower.chars().noneMatch((c) -> "aeiou".indexOf(c) >= 0);
	}

	private static String capitalised(String lower) {
		return lower.isEmpty() ? lower : lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
	}

}
