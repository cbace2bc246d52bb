package news.dispatch.topic;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Tests for {@link QueryLanguage}: the analyzer and valid queries.
 */
class QueryLanguageTest {

	@Test
	void analyzerFoldsCaseDiacriticsPossessivesAndPlurals() throws IOException {
		String text = "North Korea’s São Paulo CAFÉ Straße Kremlin's sanctions";

		List<String> tokens = tokens(text);

		assertThat(tokens).containsExactly("north", "korea", "sao", "paulo", "cafe", "strasse", "kremlin", "sanction");
	}

	@Test
	void analyzerKeepsStopWordsAndDemonyms() throws IOException {
		List<String> tokens = tokens("The state of the North Korean economy");

		assertThat(tokens).containsExactly("the", "state", "of", "the", "north", "korean", "economy");
	}

	/**
	 * What each query is read as, in Lucene's terms: each case has its name.
	 */
	static final List<Arguments> readings = List.of(
			argumentSet("an unrestricted word searches headline and body", "Putin", "headline:putin body:putin"),
			argumentSet("words are joined with AND by default", "putin sanctions",
					"+(headline:putin body:putin) +(headline:sanction body:sanction)"),
			argumentSet("a headline restriction searches only the headline", "headline:putin", "headline:putin"),
			argumentSet("a headline restriction takes a phrase", "headline:\"North Korea\"",
					"headline:\"north korea\""),
			argumentSet("a hyphenated word is a phrase", "covid-19", "headline:\"covid 19\" body:\"covid 19\""),
			argumentSet("a slash is read as a space, not as a regular expression", "\"24/7\"",
					"headline:\"24 7\" body:\"24 7\""));

	@ParameterizedTest
	@FieldSource("readings")
	void aQueryIsReadAsItsLuceneQuery(String query, String lucene) {
		assertThat(QueryLanguage.parse(query)).hasToString(lucene);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					(putin OR kremlin) sanctions   | +((headline:putin body:putin) (headline:kremlin body:kremlin)) +(headline:sanction body:sanction)
					russia OR putin -football      | (headline:russia body:russia) (headline:putin body:putin) -(headline:football body:football)
					putin NOT football             | +(headline:putin body:putin) -(headline:football body:football)
					russ*                          | headline:russ* body:russ*
					putin OR (kremlin AND dinner)  | (headline:putin body:putin) (+(headline:kremlin body:kremlin) +(headline:dinner body:dinner))
					""")
	void operatorsParenthesesAndPrefixesParse(String query, String expected) {
		assertThat(QueryLanguage.parse(query)).hasToString(expected);
	}

	private static List<String> tokens(String text) throws IOException {
		List<String> tokens = new ArrayList<>();
		try (Analyzer analyzer = QueryLanguage.analyzer();
				TokenStream stream = analyzer.tokenStream(QueryLanguage.BODY, new StringReader(text))) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(term.toString());
			}
			stream.end();
		}
		return tokens;
	}

}
