package news.dispatch.topic;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzer shared by topic queries and articles.
 * <p>
 * Chain: standard (UAX#29) tokenizer, English possessive removal (handles {@code 's},
 * {@code ’s} and {@code ＇s}), "US" in capitals read as "U.S." ({@link UsFilter}),
 * lower-casing, ASCII folding ({@code é → e}, {@code ß → ss}) and minimal English plural
 * stemming. There are deliberately no stop words (phrases stay exact) and no synonyms but
 * that one.
 * <p>
 * Wildcard and prefix terms are only lower-cased and folded (see
 * {@link #normalize(String, TokenStream)}), they are not stemmed.
 */
final class TopicAnalyzer extends Analyzer {

	/** Chars between two values of one field (an article's place and its body). */
	static final int OFFSET_GAP = 1;

	/** Positions between two values of one field, so that no phrase spans them. */
	private static final int POSITION_GAP = 100;

	@Override
	public int getOffsetGap(String fieldName) {
		return OFFSET_GAP;
	}

	@Override
	public int getPositionIncrementGap(String fieldName) {
		return POSITION_GAP;
	}

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		StandardTokenizer source = new StandardTokenizer();
		TokenStream stream = new EnglishPossessiveFilter(source);
		stream = new UsFilter(stream);
		stream = new LowerCaseFilter(stream);
		stream = new ASCIIFoldingFilter(stream);
		stream = new EnglishMinimalStemFilter(stream);
		return new TokenStreamComponents(source, stream);
	}

	@Override
	protected TokenStream normalize(String fieldName, TokenStream in) {
		return new ASCIIFoldingFilter(new LowerCaseFilter(in));
	}

}
