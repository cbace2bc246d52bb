package news.dispatch.topic;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static news.dispatch.topic.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Relevance}: where a hit must be and how many suffice.
 */
class RelevanceTest {

	static final Relevance DEFAULT = new Relevance(Relevance.Region.LEAD, 2);

	static final MatchableArticle PASSING = article("Gas prices ease as storage fills",
			"European gas prices fell to their lowest level in two years.",
			"Traders said supplies from Russia now make up a small share of the market.");

	static final MatchableArticle FREQUENT = article("Budget deficit widens",
			"The finance ministry said spending had risen.", "Russia expects the gap to narrow.",
			"Officials in Russia blamed lower oil prices.");

	static final MatchableArticle IN_LEAD = article("Budget deficit widens",
			"Russia’s finance ministry said spending had risen.", "Officials expect the gap to narrow.");

	static boolean matches(Relevance relevance, MatchableArticle article) {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("russia", "russia"), Map.of("russia", relevance),
				(invalid) -> {
					throw invalid;
				})) {
			return !matcher.match(java.util.List.of(article)).isEmpty();
		}
	}

	@Test
	void aSingleMentionAfterTheLeadIsNotEnoughByDefault() {
		assertThat(matches(DEFAULT, PASSING)).isFalse();
		assertThat(matches(Relevance.ANY, PASSING)).isTrue();
	}

	@Test
	void aPhraseMentionedOnceCountsAsOneHit() {
		MatchableArticle passing = article("Gas prices ease", "Prices fell to their lowest level in two years.",
				"Analysts also pointed to missile tests by North Korea’s army.");
		String query = "\"north korea\"";
		try (TopicMatcher matcher = new TopicMatcher(Map.of("nk", query), Map.of("nk", DEFAULT), (invalid) -> {
			throw invalid;
		})) {
			assertThat(matcher.match(java.util.List.of(passing))).isEmpty();
		}
	}

	@Test
	void aMentionInTheLeadOrTwoMentionsAnywhereAreEnoughByDefault() {
		assertThat(matches(DEFAULT, IN_LEAD)).isTrue();
		assertThat(matches(DEFAULT, FREQUENT)).isTrue();
	}

	@Test
	void inHeadlineAloneWantsTheHeadline() {
		Relevance headline = new Relevance(Relevance.Region.HEADLINE, 1);

		assertThat(matches(headline, IN_LEAD)).isFalse();
		assertThat(matches(headline, article("Russia cuts rates", "The bank acted."))).isTrue();
	}

	@Test
	void minHitsAloneCountsEveryHit() {
		Relevance three = new Relevance(Relevance.Region.ANYWHERE, 3);

		assertThat(matches(three, FREQUENT)).isFalse();
		assertThat(matches(new Relevance(Relevance.Region.ANYWHERE, 2), FREQUENT)).isTrue();
	}

	@Test
	void optionsAreReadAsEditorsWriteThemAndRefusedWithTheFix() {
		assertThat(Relevance.parse(null, " ", DEFAULT)).isEqualTo(DEFAULT);
		assertThat(Relevance.parse("Headline", null, DEFAULT)).isEqualTo(new Relevance(Relevance.Region.HEADLINE, 1));
		assertThat(Relevance.parse(null, "3", DEFAULT)).isEqualTo(new Relevance(Relevance.Region.ANYWHERE, 3));
		assertThat(Relevance.parse("lead", "2", Relevance.ANY)).isEqualTo(DEFAULT);
		assertThatIllegalArgumentException().isThrownBy(() -> Relevance.parse("title", null, DEFAULT))
			.withMessage("in: must be about, headline, lead or anywhere, not \"title\"");
		assertThatIllegalArgumentException().isThrownBy(() -> Relevance.parse(null, "0", DEFAULT))
			.withMessage("min-hits: must be a whole number from 1, not \"0\"");
	}

}
