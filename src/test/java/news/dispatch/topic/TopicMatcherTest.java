package news.dispatch.topic;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static news.dispatch.topic.TestArticles.article;
import static news.dispatch.topic.TestArticles.kimTrainStory;
import static news.dispatch.topic.TestArticles.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link TopicMatcher}: which articles match which topics.
 */
class TopicMatcherTest {

	private static final String NORTH_KOREA = "\"north korea\" OR pyongyang OR \"kim jong un\"";

	private static final String RUSSIA = "russia OR russian OR kremlin OR putin";

	private static final String FOOTBALL = "football OR \"premier league\"";

	@Test
	void kimTrainStoryMatchesNorthKoreaAndRussiaButNotFootball() {
		MatchableArticle story = kimTrainStory();

		assertThat(matches(NORTH_KOREA, story)).isTrue();
		assertThat(matches(RUSSIA, story)).isTrue();
		assertThat(matches(FOOTBALL, story)).isFalse();
	}

	@Test
	void phraseDoesNotMatchTheDemonym() {
		MatchableArticle article = article("Talks stall", "North Korean diplomats left the room.");

		assertThat(matches("\"north korea\"", article)).isFalse();
		assertThat(matches("\"north korean\"", article)).isTrue();
	}

	@Test
	void aPhrasesWordsMustStandTogether() {
		MatchableArticle apart = article("Border talks", "North of the border, Korea said nothing.");

		assertThat(matches("\"north korea\"", apart)).isFalse();
		assertThat(matches("north korea", apart)).isTrue();
	}

	@Test
	void caseAndDiacriticsAreIgnoredBothWays() {
		MatchableArticle saoPaulo = article("Protests grow", "Thousands marched in SÃO Paulo on Sunday.");
		MatchableArticle cafe = article("Café owners protest rent rises", "Owners gathered at noon.");

		assertThat(matches("\"sao paulo\"", saoPaulo)).isTrue();
		assertThat(matches("\"são paulo\"", article("Protests", "Thousands marched in Sao Paulo."))).isTrue();
		assertThat(matches("cafe", cafe)).isTrue();
		assertThat(matches("strasse", article("Closed", "The Straße is closed."))).isTrue();
	}

	@Test
	void possessivesWithCurlyAndStraightApostropheMatchTheNoun() {
		assertThat(matches("kremlin", article("Statement", "The Kremlin’s spokesman spoke."))).isTrue();
		assertThat(matches("kremlin", article("Statement", "The Kremlin's spokesman spoke."))).isTrue();
		assertThat(matches("\"north korea\"", article("Media", "North Korea’s state media said so."))).isTrue();
	}

	@Test
	void singularAndPluralMatchEachOther() {
		assertThat(matches("sanction", article("EU acts", "New sanctions were agreed."))).isTrue();
		assertThat(matches("sanctions", article("EU acts", "A new sanction was agreed."))).isTrue();
	}

	@Test
	void headlineRestrictionMatchesOnlyWhenTheWordIsInTheHeadline() {
		MatchableArticle inHeadline = article("Putin meets Kim", "The leaders met in the east.");
		MatchableArticle inBodyOnly = article("Leaders meet in the east", "Putin met Kim on Wednesday.");

		assertThat(matches("headline:putin", inHeadline)).isTrue();
		assertThat(matches("headline:putin", inBodyOnly)).isFalse();
		assertThat(matches("headline:\"north korea\"", article("North Korea fires missile", "It fell at sea.")))
			.isTrue();
	}

	@Test
	void exclusionRemovesArticlesMentioningTheExcludedWord() {
		MatchableArticle politics = article("Russia talks", "Diplomats met in Geneva.");
		MatchableArticle sport = article("Russia banned", "The football federation was suspended.");

		assertThat(matches("russia -football", politics)).isTrue();
		assertThat(matches("russia -football", sport)).isFalse();
		assertThat(matches("russia NOT football", sport)).isFalse();
	}

	@Test
	void parenthesesGroupAlternativesBeforeTheImplicitAnd() {
		MatchableArticle kremlinSanctions = article("Kremlin hits back", "New sanctions were announced.");
		MatchableArticle putinOnly = article("Putin visits farm", "He praised the harvest.");
		MatchableArticle sanctionsOnly = article("EU acts", "New sanctions were announced.");
		String query = "(putin OR kremlin) sanctions";

		assertThat(matches(query, kremlinSanctions)).isTrue();
		assertThat(matches(query, putinOnly)).isFalse();
		assertThat(matches(query, sanctionsOnly)).isFalse();
		assertThat(matches("putin OR (kremlin sanctions)", putinOnly)).isTrue();
		assertThat(matches("putin OR (kremlin sanctions)", sanctionsOnly)).isFalse();
	}

	@Test
	void prefixMatchesWordsStartingWithIt() {
		assertThat(matches("russ*", article("Envoy speaks", "The Russian envoy spoke."))).isTrue();
		assertThat(matches("sanction*", article("EU acts", "The bank was sanctioned."))).isTrue();
		assertThat(matches("russ*", article("Envoy speaks", "The Prussian envoy spoke."))).isFalse();
	}

	@Test
	void batchOfThreeArticlesAndThreeQueriesGivesExactlyTheMatchingPairs() throws IOException {
		MatchableArticle story = kimTrainStory();
		MatchableArticle football = new MatchableArticle(2, "Late winner lifts Rovers to the top",
				"A stoppage-time header settled the Premier League match.\n\nThe manager praised his football side.");
		MatchableArticle banks = new MatchableArticle(3, "Banks face new curbs",
				"Ministers agreed new limits on Russian banks.\n\nThe Kremlin called them illegal.");

		try (TopicMatcher matcher = new TopicMatcher(Map.of("nk", NORTH_KOREA, "ru", RUSSIA, "football", FOOTBALL))) {
			List<TopicMatch> matches = matcher.match(List.of(story, football, banks));

			assertThat(matcher.size()).isEqualTo(3);
			assertThat(matches).extracting(TopicMatch::articleId, TopicMatch::queryId)
				.containsExactlyInAnyOrder(tuple(1L, "nk"), tuple(1L, "ru"), tuple(2L, "football"), tuple(3L, "ru"));
		}
	}

	@Test
	void matchesComeInArticleOrderThenByDescendingScore() throws IOException {
		MatchableArticle story = kimTrainStory();
		MatchableArticle banks = new MatchableArticle(3, "Banks face new curbs", "Limits on Russian banks.");

		try (TopicMatcher matcher = new TopicMatcher(Map.of("nk", NORTH_KOREA, "ru", RUSSIA))) {
			List<TopicMatch> matches = matcher.match(List.of(banks, story));

			assertThat(matches).extracting(TopicMatch::articleId, TopicMatch::queryId)
				.containsExactly(tuple(3L, "ru"), tuple(1L, "ru"), tuple(1L, "nk"));
		}
	}

	@Test
	void emptyBatchAndEmptyTopicListGiveNoMatches() throws IOException {
		try (TopicMatcher none = new TopicMatcher(Map.of());
				TopicMatcher one = new TopicMatcher(Map.of("ru", RUSSIA))) {
			assertThat(none.size()).isZero();
			assertThat(none.match(List.of(kimTrainStory()))).isEmpty();
			assertThat(one.match(List.of())).isEmpty();
		}
	}

	@Test
	void matcherCanMatchSeveralBatches() throws IOException {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("ru", RUSSIA))) {
			assertThat(matcher.match(List.of(kimTrainStory()))).hasSize(1);
			assertThat(matcher.match(List.of(article("Weather", "Rain is expected.")))).isEmpty();
			assertThat(matcher.match(List.of(article("Kremlin", "A statement.")))).hasSize(1);
		}
	}

}
