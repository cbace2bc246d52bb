package news.dispatch.topic;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static news.dispatch.topic.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Which queries the monitor runs for an article: only those that can match it, so that
 * matching stays fast with many queries, and each distinct query once.
 */
class QuerySelectionTest {

	private static final Relevance ANYWHERE = Relevance.ANY;

	@Test
	void aPrefixQueryIsRunOnlyForArticlesWithAWordStartingThatWay() {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("wind", "\"wind farm\" OR turbine*"))) {
			List<TopicMatch> none = matcher.match(List.of(article("Rates held", "The bank kept its rate.")));

			assertThat(none).isEmpty();
			assertThat(matcher.queriesRun()).isZero();

			List<TopicMatch> turbines = matcher.match(List.of(article("Power", "New turbines were installed.")));

			assertThat(turbines).extracting(TopicMatch::queryId).containsExactly("wind");
			assertThat(matcher.queriesRun()).isEqualTo(1);
		}
	}

	@Test
	void aPrefixLongerThanTheIndexedPartStillMatchesOnlyWhatItNames() {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("turbine", "turbine*"))) {
			assertThat(matcher.match(List.of(article("River", "The water was turbid.")))).isEmpty();
			assertThat(matcher.queriesRun()).isEqualTo(1);
			assertThat(matcher.match(List.of(article("Power", "The turbo engine failed.")))).isEmpty();
			assertThat(matcher.queriesRun()).isEqualTo(1);
			assertThat(matcher.match(List.of(article("Power", "Two turbines failed.")))).hasSize(1);
		}
	}

	@Test
	void aPhraseOfCommonWordsIsNotRunForAnArticleWithOnlyOneOfThem() {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("pm", "\"prime minister\""))) {
			matcher.match(List.of(article("Schools", "The minister opened a school.")));

			assertThat(matcher.queriesRun()).isZero();

			List<TopicMatch> matches = matcher
				.match(List.of(article("Visit", "The Prime Minister visited the minister of prime cuts.")));

			assertThat(matches).hasSize(1);
			assertThat(matcher.queriesRun()).isEqualTo(1);
		}
	}

	@Test
	void theSameQueryWrittenByManyIsRunOnceAndEachOwnerAppliesItsOwnRelevance() {
		Map<String, String> queries = Map.of("k:1", "tesla", "k:2", "tesla", "t:3", "tesla");
		Map<String, Relevance> relevance = Map.of("k:1", ANYWHERE, "k:2", ANYWHERE, "t:3",
				new Relevance(Relevance.Region.HEADLINE, 1));
		try (TopicMatcher matcher = new TopicMatcher(queries, relevance, (invalid) -> {
			throw invalid;
		})) {
			List<TopicMatch> matches = matcher
				.match(List.of(article("Car sales fall", "Tesla sold fewer cars.", "Rivals gained.")));

			assertThat(matcher.size()).isEqualTo(3);
			assertThat(matcher.registered()).isEqualTo(1);
			assertThat(matcher.queriesRun()).isEqualTo(1);
			assertThat(matches).extracting(TopicMatch::queryId, TopicMatch::snippet)
				.containsExactly(tuple("k:1", "Tesla sold fewer cars."), tuple("k:2", "Tesla sold fewer cars."));
		}
	}

	@Test
	void anInvalidQuerySharedByTwoOwnersIsReportedForEach() {
		List<String> reported = new java.util.ArrayList<>();
		try (TopicMatcher matcher = new TopicMatcher(Map.of("k:1", "(tesla", "k:2", "(tesla", "k:3", "tesla"), Map.of(),
				(invalid) -> reported.add(invalid.getMessage()))) {
			assertThat(matcher.size()).isEqualTo(1);
			assertThat(reported).hasSize(2)
				.anySatisfy((message) -> assertThat(message).contains("k:1"))
				.anySatisfy((message) -> assertThat(message).contains("k:2"));
		}
	}

}
