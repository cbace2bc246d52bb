package news.dispatch.topic;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Reads "US" in capitals as the country, "U.S." ({@code u.s} once lower-cased), so that a
 * query for {@code "u.s."} finds "the US" as much as "the U.S."; the pronoun, "us", is
 * left alone. Runs before lower-casing, which would make the two one word.
 */
final class UsFilter extends TokenFilter {

	private static final char[] COUNTRY = "u.s".toCharArray();

	private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

	UsFilter(TokenStream input) {
		super(input);
	}

	@Override
	public boolean incrementToken() throws java.io.IOException {
		if (!this.input.incrementToken()) {
			return false;
		}
		if (this.term.length() == 2 && this.term.charAt(0) == 'U' && this.term.charAt(1) == 'S') {
			this.term.copyBuffer(COUNTRY, 0, COUNTRY.length);
		}
		return true;
	}

}
