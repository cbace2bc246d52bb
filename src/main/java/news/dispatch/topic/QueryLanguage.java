package news.dispatch.topic;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.Query;

/**
 * The language editors write topics in, built on Lucene's classic query parser.
 * <p>
 * Syntax: words ({@code putin}), quoted phrases ({@code "north korea"}), implicit AND
 * between terms, {@code OR}, {@code AND}, exclusion with {@code -word} or
 * {@code NOT word}, parentheses, trailing wildcards ({@code russ*}), the headline
 * restriction ({@code headline:putin}, {@code headline:"north korea"}) and known places
 * ({@code place:japan}: Japan, Japanese, Tokyo or Osaka as one topic, see
 * {@link KnownPlaces}; the topic's aboutness then counts them together). Unrestricted
 * terms search the {@link #HEADLINE} and the {@link #BODY}. A {@code /} is read as a
 * space (so {@code 24/7} is two words, not a regular expression); hyphenated words
 * ({@code covid-19}) are phrases. Mixing OR with AND at one level needs parentheses:
 * {@code (putin OR kremlin) sanctions}.
 * <p>
 * This class is stateless and thread-safe.
 */
public final class QueryLanguage {

	/** Field holding the article headline. */
	public static final String HEADLINE = "headline";

	/** Field holding the article body. */
	public static final String BODY = "body";

	private static final Analyzer QUERY_ANALYZER = new TopicAnalyzer();

	/** The deepest parentheses may nest: no real query comes near it. */
	public static final int MAX_NESTING = 32;

	private QueryLanguage() {
	}

	/**
	 * Parse a topic query.
	 * @param query the query as written by an editor
	 * @return the Lucene query over {@link #HEADLINE} and {@link #BODY}
	 * @throws InvalidQueryException if the query is blank, does not parse, names a field
	 * other than {@code headline}, starts a word with a wildcard or has nothing to look
	 * for (only exclusions), or mixes OR with AND at one level without parentheses
	 */
	public static Query parse(String query) {
		if (query == null || query.isBlank()) {
			throw new InvalidQueryException(-1, "the query is empty");
		}
		checkNesting(query);
		String text = query.replace('/', ' ');
		Query parsed;
		try {
			parsed = new TopicQueryParser(QUERY_ANALYZER, text).parse(text);
		}
		catch (ParseException ex) {
			throw ParseErrorTranslator.translate(query, ex);
		}
		QueryChecks.check(query, parsed);
		return parsed;
	}

	/**
	 * Refuses parentheses nested deeper than {@link #MAX_NESTING} before the parser,
	 * which recurses once per level, meets them.
	 */
	private static void checkNesting(String query) {
		int depth = 0;
		boolean quoted = false;
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '(' && ++depth > MAX_NESTING) {
				throw new InvalidQueryException(i,
						"parentheses nest more than " + MAX_NESTING + " deep; take out the ones that group nothing");
			}
			else if (!quoted && c == ')') {
				depth = Math.max(0, depth - 1);
			}
		}
	}

	/**
	 * Return a new instance of the analyzer used for both queries and articles: standard
	 * tokenizer, English possessive removal ({@code 's} and {@code ’s}), lower-casing,
	 * ASCII folding and minimal English plural stemming; no stop words, no synonyms.
	 * @return a new analyzer, owned (and to be closed) by the caller
	 */
	public static Analyzer analyzer() {
		return new TopicAnalyzer();
	}

}
