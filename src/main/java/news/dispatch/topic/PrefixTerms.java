package news.dispatch.topic;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;

/**
 * Lets the monitor's presearcher select {@code prefix*} queries by their prefix.
 * <p>
 * Left to itself the presearcher cannot index a prefix query and treats it as "could
 * match anything": a topic such as {@code "wind farm" OR turbine*} would then be run
 * against every article. Here a prefix query is indexed under a marked term holding its
 * first {@value #LONGEST} characters, and every word of an article also offers its marked
 * prefixes of {@value #SHORTEST} to {@value #LONGEST} characters, so the query is a
 * candidate only for articles with a word that starts that way. A prefix shorter than
 * {@value #SHORTEST} characters is still treated as matching anything.
 */
final class PrefixTerms implements CustomQueryHandler {

	static final int SHORTEST = 2;

	static final int LONGEST = 5;

	/**
	 * Starts every prefix term; the analyzer never emits it, so it cannot meet a word.
	 */
	private static final char MARK = '\u0001';

	@Override
	public QueryTree handleQuery(Query query, TermWeightor weightor) {
		if (!(query instanceof PrefixQuery prefixQuery)) {
			return null;
		}
		String prefix = prefixQuery.getPrefix().text();
		int length = prefix.codePointCount(0, prefix.length());
		if (length < SHORTEST) {
			return null;
		}
		return QueryTree.term(new Term(prefixQuery.getField(), marked(prefix, Math.min(length, LONGEST))), weightor);
	}

	@Override
	public TokenStream wrapTermStream(String field, TokenStream in) {
		return new WithPrefixes(in);
	}

	private static String marked(String word, int codePoints) {
		return MARK + word.substring(0, word.offsetByCodePoints(0, codePoints));
	}

	/**
	 * Passes every word on, followed by its marked prefixes.
	 */
	private static final class WithPrefixes extends TokenFilter {

		private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

		private String word;

		private int next;

		private int longest;

		WithPrefixes(TokenStream in) {
			super(in);
		}

		@Override
		public boolean incrementToken() throws IOException {
			if (this.word != null && this.next <= this.longest) {
				clearAttributes();
				this.term.setEmpty().append(marked(this.word, this.next++));
				return true;
			}
			if (!this.input.incrementToken()) {
				this.word = null;
				return false;
			}
			this.word = this.term.toString();
			this.next = SHORTEST;
			this.longest = Math.min(LONGEST, this.word.codePointCount(0, this.word.length()));
			return true;
		}

		@Override
		public void reset() throws IOException {
			super.reset();
			this.word = null;
		}

	}

}
