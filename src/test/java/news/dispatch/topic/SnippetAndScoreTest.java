package news.dispatch.topic;

import java.util.List;

import org.junit.jupiter.api.Test;

import static news.dispatch.topic.TestArticles.article;
import static news.dispatch.topic.TestArticles.highlighted;
import static news.dispatch.topic.TestArticles.kimTrainStory;
import static news.dispatch.topic.TestArticles.matchOne;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the snippet, its highlights and the score of a {@link TopicMatch}.
 */
class SnippetAndScoreTest {

	@Test
	void snippetIsTheBodySentenceWithTheMostHits() {
		TopicMatch match = matchOne("\"north korea\" OR pyongyang OR \"kim jong un\"", kimTrainStory());

		assertThat(match.snippet()).startsWith("North Korea’s state media said the train left Pyongyang")
			.endsWith("munitions factories.");
		assertThat(match.highlights()).extracting((h) -> highlighted(match, h))
			.containsExactly("North Korea", "Pyongyang");
	}

	@Test
	void scoreSumsHeadlineLeadAndBodyHitWeights() {
		TopicMatch northKorea = matchOne("\"north korea\" OR pyongyang OR \"kim jong un\"", kimTrainStory());
		TopicMatch russia = matchOne("russia OR russian OR kremlin OR putin", kimTrainStory());

		// headline: Kim Jong Un (3); lead: Kim Jong Un (2); body: North Korea x3,
		// Pyongyang x2 (5)
		assertThat(northKorea.score()).isEqualTo(10.0);
		// headline: Russia, Putin (6); lead: Russia, Putin (4); body: Kremlin x2, Putin
		// (3)
		assertThat(russia.score()).isEqualTo(13.0);
	}

	@Test
	void headlineAndLeadMatchScoresAboveAPassingMention() {
		MatchableArticle prominent = article("Putin hosts Kim", "Putin welcomed Kim at the station.", "Talks began.");
		MatchableArticle passing = article("Harvest begins", "Farmers started early.", "Crops look strong.",
				"Officials did not expect Putin to visit.");

		TopicMatch high = matchOne("putin", prominent);
		TopicMatch low = matchOne("putin", passing);

		assertThat(high.score()).isEqualTo(5.0);
		assertThat(low.score()).isEqualTo(1.0);
		assertThat(high.score()).isGreaterThan(low.score());
	}

	@Test
	void headlineIsTheSnippetWhenOnlyTheHeadlineMatched() {
		TopicMatch match = matchOne("putin", article("Putin’s train pulls in", "The leaders met at the station."));

		assertThat(match.snippet()).isEqualTo("Putin’s train pulls in");
		assertThat(match.highlights()).containsExactly(new Highlight(0, 5));
		assertThat(match.score()).isEqualTo(3.0);
	}

	@Test
	void highlightsPointAtMatchedWordsInNonLatinAndMultiByteText() {
		String body = "Поезд прибыл 🚆 в «Владивосток» — 金正恩 “Kim Jong Un’s” train 🚆 reached Vladivostok’s station.";
		MatchableArticle article = article("Arrival", body);

		TopicMatch match = matchOne("\"kim jong un\" OR vladivostok OR владивосток", article);

		assertThat(match.snippet()).isEqualTo(body);
		assertThat(match.highlights()).extracting((h) -> highlighted(match, h))
			.containsExactly("Владивосток", "Kim Jong Un", "Vladivostok");
	}

	@Test
	void longSentenceIsCutAroundTheHitWithEllipses() {
		String filler = "the convoy moved on through the quiet countryside while officials waited ".repeat(5);
		String sentence = filler + "as the Kremlin confirmed the talks " + filler.strip() + ".";
		MatchableArticle article = article("Long day", sentence);

		TopicMatch match = matchOne("kremlin", article);

		assertThat(sentence.length()).isGreaterThan(600);
		assertThat(match.snippet()).startsWith("…").endsWith("…").contains("the Kremlin confirmed");
		assertThat(match.snippet().length()).isLessThanOrEqualTo(SnippetBuilder.MAX_LENGTH + 2);
		assertThat(match.snippet().substring(1, 2)).isNotBlank();
		assertThat(match.highlights()).extracting((h) -> highlighted(match, h)).containsExactly("Kremlin");
	}

	@Test
	void longSentenceIsCutAroundItsDensestRunOfHits() {
		String filler = "and the convoy kept moving through the quiet countryside ".repeat(6);
		String sentence = "A Kremlin aide spoke " + filler + "before Putin and the Kremlin agreed on terms.";
		MatchableArticle article = article("Long day", sentence);

		TopicMatch match = matchOne("kremlin OR putin", article);

		assertThat(match.snippet()).startsWith("…").endsWith("Putin and the Kremlin agreed on terms.");
		assertThat(match.highlights()).extracting((h) -> highlighted(match, h)).containsExactly("Putin", "Kremlin");
	}

	@Test
	void cutNeverSplitsASurrogatePair() {
		String emoji = "🚆".repeat(300);
		MatchableArticle article = article("Train", emoji + " Putin " + emoji);

		TopicMatch match = matchOne("putin", article);

		assertThat(match.snippet()).startsWith("…").endsWith("…");
		assertThat(match.snippet().codePoints().filter((cp) -> Character.getType(cp) == Character.SURROGATE)).isEmpty();
		assertThat(match.highlights()).extracting((h) -> highlighted(match, h)).containsExactly("Putin");
	}

	@Test
	void everyHighlightOfTheFixtureIsAMatchedWordOrPhrase() {
		List<String> expected = List.of("north korea", "pyongyang", "kim jong un", "russia", "russian", "kremlin",
				"putin");

		for (String query : List.of("\"north korea\" OR pyongyang OR \"kim jong un\"",
				"russia OR russian OR kremlin OR putin")) {
			TopicMatch match = matchOne(query, kimTrainStory());

			assertThat(match.highlights()).isNotEmpty()
				.isSortedAccordingTo((a, b) -> Integer.compare(a.start(), b.start()));
			assertThat(match.highlights())
				.allSatisfy((h) -> assertThat(expected).contains(highlighted(match, h).toLowerCase()));
		}
	}

}
