package news.dispatch.topic;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void unrestrictedWordSearchesHeadlineAndBody() {
		Query query = QueryLanguage.parse("Putin");

		assertThat(query).hasToString("headline:putin body:putin");
	}

	@Test
	void wordsAreJoinedWithAndByDefault() {
		Query query = QueryLanguage.parse("putin sanctions");

		assertThat(query).hasToString("+(headline:putin body:putin) +(headline:sanction body:sanction)");
	}

	@Test
	void headlineRestrictionSearchesOnlyTheHeadline() {
		assertThat(QueryLanguage.parse("headline:putin")).hasToString("headline:putin");
		assertThat(QueryLanguage.parse("headline:\"North Korea\"")).hasToString("headline:\"north korea\"");
	}

	@Test
	void hyphenatedWordIsAPhrase() {
		Query query = QueryLanguage.parse("covid-19");

		assertThat(query).hasToString("headline:\"covid 19\" body:\"covid 19\"");
	}

	@Test
	void slashIsReadAsASpaceNotAsARegularExpression() {
		Query query = QueryLanguage.parse("\"24/7\"");

		assertThat(query).hasToString("headline:\"24 7\" body:\"24 7\"");
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
