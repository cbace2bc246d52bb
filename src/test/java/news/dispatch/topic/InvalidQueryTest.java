package news.dispatch.topic;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for invalid queries: each gives an {@link InvalidQueryException} with a position
 * and a plain reason.
 */
class InvalidQueryTest {

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'',
			textBlock = """
					putin "north korea               | 6  | a quoted phrase is not closed
					"north korea                     | 0  | a quoted phrase is not closed
					putin AND (russia OR kremlin     | 10 | a parenthesis is opened but never closed
					russia OR putin)                 | 15 | a closing parenthesis has no matching opening one
					foo:bar                          | 0  | unknown field 'foo': the fields you can name are headline and place, as in headline:putin or place:japan
					putin body:kremlin               | 6  | unknown field 'body': the fields you can name are headline and place, as in headline:putin or place:japan
					place:atlantis                   | 0  | place:atlantis is not a known place; write its forms with OR, as in (japan OR japanese OR tokyo), or use a country's name, as in place:japan
					*ussia                           | 0  | a word cannot start with * or ?; put the wildcard at the end of a word, as in russ*
					putin ?ussia                     | 6  | a word cannot start with * or ?; put the wildcard at the end of a word, as in russ*
					-russia                          | 0  | a query needs at least one word to look for
					NOT russia                       | 0  | a query needs at least one word to look for
					russia OR                        | 7  | OR needs a word or phrase on both sides
					OR russia                        | 0  | OR needs a word or phrase on both sides
					russia AND OR putin              | 11 | OR needs a word or phrase on both sides
					putin ()                         | 7  | there is nothing between the parentheses
					headline:                        | 8  | a field name needs a word after the colon
					putin OR kremlin sanctions       | 6  | OR is mixed with AND without parentheses; group the alternatives, as in (putin OR kremlin) sanctions
					(-russia) putin                  | 0  | a group in parentheses only excludes words; put a word to look for inside it
					""")
	void invalidQueryReportsPositionAndReason(String query, int position, String reason) {
		InvalidQueryException ex = catchThrowableOfType(InvalidQueryException.class, () -> QueryLanguage.parse(query));

		assertThat(ex).isNotNull();
		assertThat(ex.position()).isEqualTo(position);
		assertThat(ex.reason()).isEqualTo(reason);
		assertThat(ex.getMessage()).isEqualTo("column " + (position + 1) + ": " + reason);
	}

	@Test
	void parenthesesNestedTwentyThousandDeepAreRefusedWhereTheyPassTheLimit() {
		String query = "(".repeat(20_000) + "putin" + ")".repeat(20_000);

		InvalidQueryException ex = catchThrowableOfType(InvalidQueryException.class, () -> QueryLanguage.parse(query));

		assertThat(ex.position()).isEqualTo(QueryLanguage.MAX_NESTING);
		assertThat(ex.reason()).startsWith("parentheses nest more than " + QueryLanguage.MAX_NESTING + " deep");
		assertThat(QueryLanguage
			.parse("(".repeat(QueryLanguage.MAX_NESTING) + "putin" + ")".repeat(QueryLanguage.MAX_NESTING)))
			.isNotNull();
		assertThat(QueryLanguage.parse("\"" + "(".repeat(100) + "putin\"")).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t\n" })
	void blankQueryIsEmptyWithoutPosition(String query) {
		InvalidQueryException ex = catchThrowableOfType(InvalidQueryException.class, () -> QueryLanguage.parse(query));

		assertThat(ex.position()).isEqualTo(-1);
		assertThat(ex.reason()).isEqualTo("the query is empty");
		assertThat(ex.getMessage()).isEqualTo("the query is empty");
	}

	@Test
	void nullQueryIsEmpty() {
		assertThatExceptionOfType(InvalidQueryException.class).isThrownBy(() -> QueryLanguage.parse(null))
			.withMessage("the query is empty");
	}

	@Test
	void matcherNamesTheInvalidQueryId() {
		Map<String, String> queries = Map.of("good", "putin", "broken", "putin \"north korea");

		assertThatExceptionOfType(InvalidQueryException.class).isThrownBy(() -> new TopicMatcher(queries))
			.withMessage("query 'broken': column 7: a quoted phrase is not closed")
			.satisfies((ex) -> {
				assertThat(ex.queryId()).isEqualTo("broken");
				assertThat(ex.position()).isEqualTo(6);
			});
	}

}
