package news.dispatch.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds a person named in full and then by surname alone: after "Treasury Secretary James
 * Baker" a story says "Baker said", which the query {@code "james baker"} does not hit.
 * <p>
 * A hit of two to four capitalised words ("James Baker", "Gordon Brown's") is taken for a
 * name, and so is a hit of one capitalised word after a title ("Mr Blair", "President
 * Bush"), which matters where the word alone does not answer the query, as {@code blair}
 * in {@code "tony blair" OR (blair "prime minister")}. Each capitalised occurrence of its
 * last word in the body, before the hit ("Mr Blair" in the lead, "Tony Blair" further
 * down) or after it, is a hit as well, unless another capitalised word that is not a
 * title stands before it ("Nancy Reagan" after "Ronald Reagan", "South Korea" after
 * "North Korea"; at the start of a sentence, a word the story also writes in lower case,
 * as "But", does not count), whether or not the query hits it there too (as {@code brown}
 * in {@code "gordon brown" OR (brown chancellor)}), and so is the surname in the
 * headline. A name in capitals, as wire headlines write it, is looked for as the body
 * writes it ("BAKER" as "Baker").
 */
final class Surnames {

	private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "president", "secretary",
			"minister", "chancellor", "senator", "sen", "gov", "governor", "rep", "general", "gen", "judge", "king",
			"queen", "prince", "princess", "premier", "pope", "sir", "lord", "lady", "chairman", "chief", "mayor",
			"leader", "speaker", "commissioner", "ambassador", "professor", "prof", "justice", "sheikh", "colonel",
			"col", "admiral", "captain", "capt");

	/** Words that open sentences before a surname. */
	private static final Set<String> STARTERS = Set.of("but", "and", "then", "when", "if", "as", "so", "yet", "while",
			"after", "before", "since", "because", "although", "though", "meanwhile", "however", "still", "also", "now",
			"earlier", "later", "today", "yesterday", "on", "in", "at", "for", "with", "asked", "said", "says");

	private Surnames() {
	}

	/**
	 * The other mentions by surname of the names among {@code hits}, as body hits; none
	 * when no hit is a name.
	 */
	static List<ArticleHit> of(ArticleText article, List<ArticleHit> hits) {
		List<ArticleHit> found = null;
		String body = article.body();
		String last = null;
		for (ArticleHit hit : hits) {
			String surname = mayBeName(article, hit) ? surname(textOf(article, hit)) : titled(article, hit);
			if (surname == null || surname.equals(last)) {
				continue;
			}
			last = surname;
			if (hit.inBody()) {
				addInHeadline(article.headline(), surname, found = (found != null) ? found : new ArrayList<>());
			}
			for (int at = body.indexOf(surname); at >= 0; at = body.indexOf(surname, at + surname.length())) {
				int end = at + surname.length();
				if (isWord(body, at, end) && !afterAnotherName(body, at)) {
					if (found == null) {
						found = new ArrayList<>();
					}
					found.add(new ArticleHit(QueryLanguage.BODY, at, end));
				}
			}
		}
		return (found != null) ? found : List.of();
	}

	/**
	 * A surname in the headline of a story that names the person in full in its body
	 * ("Baker warns Tokyo" over "Treasury Secretary James Baker said").
	 */
	private static void addInHeadline(String headline, String surname, List<ArticleHit> found) {
		for (String form : new String[] { surname, surname.toUpperCase(Locale.ROOT) }) {
			for (int at = headline.indexOf(form); at >= 0; at = headline.indexOf(form, at + form.length())) {
				int end = at + form.length();
				if (isWord(headline, at, end)) {
					found.add(new ArticleHit(QueryLanguage.HEADLINE, at, end));
				}
			}
		}
	}

	/**
	 * A quick look before the words are split: a capital first and a space inside.
	 */
	private static boolean mayBeName(ArticleText article, ArticleHit hit) {
		String text = hit.inHeadline() ? article.headline() : hit.inBody() ? article.body() : null;
		if (text == null || !Character.isUpperCase(text.charAt(hit.start()))) {
			return false;
		}
		int space = text.indexOf(' ', hit.start());
		return space > 0 && space < hit.end();
	}

	/**
	 * The surname of a person the body names by title and surname ("Mr Blair", "President
	 * Bush", "Treasury Secretary Baker"), when the hit is that surname; else
	 * {@code null}.
	 */
	private static @Nullable String titled(ArticleText article, ArticleHit hit) {
		if (!hit.inBody()) {
			return null;
		}
		String body = article.body();
		int start = hit.start();
		int end = hit.end();
		if (start < 2 || body.charAt(start - 1) != ' ' || !Character.isUpperCase(body.charAt(start))
				|| end - start < 3) {
			return null;
		}
		for (int i = start; i < end; i++) {
			if (!Character.isLetter(body.charAt(i))) {
				return null;
			}
		}
		int wordStart = start - 1;
		while (wordStart > 0 && (Character.isLetter(body.charAt(wordStart - 1)) || body.charAt(wordStart - 1) == '.')) {
			wordStart--;
		}
		String title = body.substring(wordStart, start - 1).replace(".", "").toLowerCase(Locale.ROOT);
		return TITLES.contains(title) ? body.substring(start, end) : null;
	}

	private static String textOf(ArticleText article, ArticleHit hit) {
		if (hit.inHeadline()) {
			return article.headline().substring(hit.start(), hit.end());
		}
		return hit.inBody() ? article.body().substring(hit.start(), hit.end()) : "";
	}

	/**
	 * The last word of a name of two to four capitalised words, as body text writes it,
	 * or {@code null}.
	 */
	static String surname(String text) {
		if (text.indexOf(' ') < 0) {
			return null;
		}
		String[] words = text.strip().split("\\s+");
		if (words.length < 2 || words.length > 4) {
			return null;
		}
		for (String word : words) {
			if (!Character.isUpperCase(word.charAt(0))) {
				return null;
			}
		}
		String surname = words[words.length - 1];
		if (surname.length() < 3 || !surname.chars().allMatch(Character::isLetter)) {
			return null;
		}
		if (surname.equals(surname.toUpperCase(Locale.ROOT))) {
			surname = surname.charAt(0) + surname.substring(1).toLowerCase(Locale.ROOT);
		}
		return surname;
	}

	private static boolean isWord(String text, int start, int end) {
		return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
				&& (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
	}

	/**
	 * Whether a capitalised word other than a title stands right before, in the same
	 * sentence.
	 */
	private static boolean afterAnotherName(String text, int at) {
		int end = at - 1;
		if (end < 1 || text.charAt(end) != ' ') {
			return false;
		}
		int start = end;
		while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
			start--;
		}
		if (start == end || !Character.isUpperCase(text.charAt(start))) {
			return false;
		}
		String word = text.substring(start, end).replace(".", "").toLowerCase(Locale.ROOT);
		if (TITLES.contains(word)) {
			return false;
		}
		int before = start - 1;
		while (before >= 0 && text.charAt(before) == ' ') {
			before--;
		}
		boolean sentenceStart = before < 0 || ".!?\"\u201C\n".indexOf(text.charAt(before)) >= 0;
		// at the start of a sentence any word is capitalised: it is a first name ("Nancy
		// Reagan said") unless the story also writes it in lower case ("But Reagan said")
		return !sentenceStart || !(STARTERS.contains(word) || text.contains(" " + word + " "));
	}

}
