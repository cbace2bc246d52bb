package news.dispatch.topic;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static news.dispatch.topic.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default rule, aboutness, on wire copy written for these tests: a story about a
 * topic names it in its headline, dateline or lead and keeps to it; a passing mention is
 * one hit in a later paragraph of a long story.
 */
class AboutnessTest {

	static final String[] LATER = { "Analysts said the figures were in line with forecasts.",
			"Trading volume was light ahead of the holiday weekend.",
			"The central bank left its discount rate unchanged at 5.5 pct.",
			"Bond prices edged higher in thin dealings, dealers said.",
			"Several brokers said they expected little change next week." };

	/**
	 * A long story about the U.S. budget that names Japan once, in its sixth paragraph.
	 */
	static final MatchableArticle PASSING_JAPAN = article("U.S. HOUSE PANEL APPROVES BUDGET PLAN",
			"WASHINGTON, March 4 - The House Budget Committee approved a spending plan for fiscal 1988 that cuts the deficit by 38 billion dlrs.",
			LATER[0], LATER[1], LATER[2], "Committee members said imports from Japan were not discussed.", LATER[3],
			LATER[4]);

	/** A story filed from Tokyo about the Japanese economy. */
	static final MatchableArticle ABOUT_JAPAN = article("TRADE SURPLUS WIDENS IN FEBRUARY",
			"TOKYO, March 4 - The trade surplus widened to 7.6 billion dlrs in February from 5.4 billion a year earlier, the Finance Ministry said.",
			LATER[0], LATER[1], "Japanese exporters shipped more cars and chips to Europe.", LATER[3]);

	static Verdict judge(String query, MatchableArticle article) {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("topic", query), Map.of("topic", Relevance.ABOUT),
				(invalid) -> {
					throw invalid;
				})) {
			List<TopicMatcher.Trial> trials = matcher.trial(List.of(article));
			if (trials.isEmpty()) {
				return new Verdict(false, null, "the query does not match");
			}
			return new Verdict(trials.get(0).admitted(), trials.get(0).aboutness(), trials.get(0).reason());
		}
	}

	record Verdict(boolean in, Aboutness aboutness, String reason) {
	}

	@Test
	void aPlaceNamedOnceInALaterParagraphOfALongStoryIsAPassingMention() {
		Verdict verdict = judge("japan OR japanese OR tokyo", PASSING_JAPAN);

		assertThat(verdict.in()).isFalse();
		assertThat(verdict.reason()).isEqualTo("out: a passing mention, 1 of 7 sentences");
	}

	@Test
	void aStoryDatelinedInThePlaceIsAboutIt() {
		Verdict verdict = judge("place:japan", ABOUT_JAPAN);

		assertThat(verdict.in()).as(verdict.reason()).isTrue();
		assertThat(verdict.aboutness().place()).isTrue();
		assertThat(verdict.reason()).isEqualTo("in: the dateline names it");
	}

	@Test
	void aPlaceGivenApartFromTheBodyCountsAsTheDatelineAndMatchesTheQuery() {
		MatchableArticle filed = new MatchableArticle(7, "SHARES CLOSE LOWER IN ACTIVE TRADING",
				"Share prices closed lower in active trading as investors took profits.\n\n" + LATER[0], "TOKYO");

		Verdict verdict = judge("place:japan", filed);

		assertThat(verdict.in()).as(verdict.reason()).isTrue();
		assertThat(verdict.reason()).isEqualTo("in: the dateline names it");
	}

	@Test
	void placeCountsTheCountryItsPeopleAndItsCapitalAsOneTopic() {
		MatchableArticle story = article("Tokyo stocks rally", "Japanese shares rose for a third day.",
				"Dealers in Tokyo said Japan's exporters led the gains.", LATER[0], LATER[1], LATER[2]);

		assertThat(judge("place:japan", story).aboutness().hitSentences()).isEqualTo(2);
		assertThat(judge("place:Tokyo", story).in()).isTrue();
		assertThat(judge("japan", story).in()).as("the headline and lead say Tokyo and Japanese").isFalse();
	}

	@Test
	void aPersonNamedInFullAndThenBySurnameIsTheSubject() {
		MatchableArticle story = article("DOLLAR FIRMS AFTER TREASURY REMARKS",
				"WASHINGTON, March 5 - Treasury Secretary James Baker said the dollar had fallen far enough.",
				"Baker told reporters the industrial nations agreed on stable rates.", LATER[0],
				"Baker said he would meet finance ministers next month.", LATER[1], LATER[2],
				"Asked about interest rates, Baker declined to comment.", LATER[3]);

		Verdict verdict = judge("\"james baker\"", story);

		assertThat(verdict.aboutness().hitSentences()).isEqualTo(4);
		assertThat(verdict.in()).as(verdict.reason()).isTrue();
		assertThat(verdict.reason()).isEqualTo("in: the lead names it and 4 of 8 sentences do");
	}

	@Test
	void aSurnameAfterAnotherFirstNameIsSomeoneElse() {
		MatchableArticle story = article("Reagan library opens", "Former president Ronald Reagan opened his library.",
				"Nancy Reagan cut the ribbon.", "But Reagan spoke for an hour.", LATER[0]);

		assertThat(judge("\"ronald reagan\"", story).aboutness().hitSentences()).isEqualTo(2);
	}

	@Test
	void aPersonCalledByTitleAndSurnameIsNamedWhereverTheStorySaysIt() {
		MatchableArticle story = article("Schools plan unveiled", "Mr Blair said every school would get more money.",
				LATER[0], "The prime minister was speaking in Sheffield.", "Mr Blair told teachers the plan was fair.",
				LATER[1], LATER[2]);

		Verdict verdict = judge("\"tony blair\" OR (blair \"prime minister\")", story);

		assertThat(verdict.aboutness().lead()).isTrue();
		assertThat(verdict.aboutness().hitSentences()).isEqualTo(2);
		assertThat(verdict.in()).as(verdict.reason()).isTrue();
	}

	@Test
	void aSurnameBeforeTheFullNameCountsAsWellAsAfterIt() {
		MatchableArticle story = article("Schools plan unveiled", "Mr Blair said every school would get more money.",
				LATER[0], "Tony Blair was speaking in Sheffield.", LATER[1], LATER[2], LATER[3]);

		Verdict verdict = judge("\"tony blair\"", story);

		assertThat(verdict.aboutness().lead()).isTrue();
		assertThat(verdict.aboutness().hitSentences()).isEqualTo(2);
	}

	@Test
	void aPersonNamedOnceInALongStoryIsAPassingMention() {
		MatchableArticle story = article("BANKS RAISE PRIME RATE",
				"NEW YORK, March 6 - Major banks raised the prime rate.", LATER[0], LATER[1],
				"Treasury Secretary James Baker was not available for comment.", LATER[2], LATER[3], LATER[4]);

		assertThat(judge("\"james baker\"", story).in()).isFalse();
	}

	@Test
	void aWordThatOnlyNarrowsAQueryDoesNotMakeAHeadlineAboutTheTopic() {
		MatchableArticle story = article("Tories unveil plans for schools",
				"The Conservatives promised more money for schools if elected.", LATER[0], LATER[1],
				"Party leader Michael Howard is due to speak later.", LATER[2], LATER[3]);

		Verdict verdict = judge("\"michael howard\" OR (howard tory)", story);

		assertThat(verdict.aboutness().headline()).isFalse();
		assertThat(verdict.in()).as(verdict.reason()).isFalse();
	}

	@Test
	void aStoryThatLostItsParagraphsIsNotAllLead() {
		String oneParagraph = String.join(" ", "LONDON, March 6 - Oil prices were steady in quiet trading.", LATER[0],
				LATER[1], LATER[2], "Traders said a Japanese refiner bought two cargoes.", LATER[3], LATER[4]);

		Verdict verdict = judge("japan OR japanese", article("OIL PRICES STEADY", oneParagraph));

		assertThat(verdict.aboutness().lead()).isFalse();
		assertThat(verdict.in()).isFalse();
	}

	@Test
	void aShortStoryThatNamesTheTopicInItsLeadIsAboutIt() {
		MatchableArticle story = article("CORN EXPORTS RISE",
				"Exports of corn to Japan rose to 1.2 mln tonnes in the week, the Agriculture Department said.",
				LATER[0]);

		assertThat(judge("japan", story).in()).isTrue();
	}

	@Test
	void aStoryFiledFromACityOfTheCountryIsAboutTheCountryWithoutNamingIt() {
		MatchableArticle osaka = new MatchableArticle(8, "SHARP RAISES CHIP OUTPUT",
				"Sharp Corp will raise its output of memory chips by a fifth from April, a company spokesman said.\n\n"
						+ LATER[0],
				"Osaka");

		Verdict verdict = judge("japan OR japanese OR tokyo", osaka);

		assertThat(verdict.in()).as(verdict.reason()).isTrue();
		assertThat(verdict.reason()).isEqualTo("in: the dateline names it");
		assertThat(judge("tokyo", osaka).aboutness()).as("Osaka is in Japan, not in Tokyo").isNull();
	}

	@Test
	void aLeadThatNamesOneCountryAndNoOtherPlacesTheStoryThereWhereverItWasFiled() {
		MatchableArticle iraq = article("OIL EXPORTS RESUME",
				"LONDON, March 4 - Iraq resumed oil exports through its northern pipeline, shipping agents said.",
				LATER[0], LATER[1], LATER[2], LATER[3], LATER[4], LATER[0], LATER[1], LATER[2], LATER[3], LATER[4]);
		MatchableArticle two = article("OIL EXPORTS RESUME",
				"LONDON, March 4 - Iraq resumed oil exports to Turkey through its northern pipeline, agents said.",
				LATER[0], LATER[1], LATER[2], LATER[3], LATER[4], LATER[0], LATER[1], LATER[2], LATER[3], LATER[4]);
		String query = "iraq OR iraqi OR baghdad";

		Verdict verdict = judge(query, iraq);
		assertThat(verdict.in()).as(verdict.reason()).isTrue();
		assertThat(verdict.aboutness().soleCountry()).isTrue();
		assertThat(verdict.reason()).isEqualTo("in: the lead names this country and no other");
		assertThat(judge(query, two).in()).as("the lead names Turkey too").isFalse();
		assertThat(judge("\"united kingdom\" OR british", iraq).reason()).as("filed from London")
			.isEqualTo("in: the dateline names it");
	}

	@Test
	void aCountryNameInLowerCaseIsAWordNotACountry() {
		MatchableArticle turkey = article("FOOD PRICES RISE",
				"Prices of turkey and chicken rose in January, the Agriculture Department said.", LATER[0], LATER[1],
				LATER[2], LATER[3], LATER[4]);

		assertThat(judge("turkey OR turkish OR ankara", turkey).aboutness().soleCountry()).isFalse();
	}

	@Test
	void aTownWithItsStateIsInTheUnitedStatesWhetherTheDatelineIsKeptOrInline() {
		String lead = "Xerox Corp said its first quarter profit rose 12 pct on higher copier sales.";
		MatchableArticle kept = new MatchableArticle(9, "XEROX PROFIT RISES", lead + "\n\n" + LATER[0],
				"Stamford, Conn.");
		MatchableArticle inline = article("XEROX PROFIT RISES", "ROCHESTER, N.Y., March 3 - " + lead, LATER[0]);
		String query = "\"united states\" OR u.s. OR american";

		assertThat(judge(query, kept).reason()).isEqualTo("in: the dateline names it");
		assertThat(judge(query, inline).reason()).isEqualTo("in: the dateline names it");
		assertThat(judge("japan OR japanese", kept).aboutness()).as("Connecticut is not in Japan").isNull();
	}

	@Test
	void usInCapitalsIsTheCountryAndInLowerCaseThePronoun() {
		MatchableArticle country = article("TALKS STALL", "The US and the EU failed to agree on farm subsidies.",
				LATER[0]);
		MatchableArticle pronoun = article("TALKS STALL", "\"Let us be clear,\" the minister told reporters.",
				LATER[0]);

		assertThat(judge("\"u.s.\" OR american", country).in()).isTrue();
		assertThat(judge("\"u.s.\" OR american", pronoun).aboutness()).isNull();
	}

	@Test
	void aWireHeadlineThatNamesThePersonBySurnameAloneIsAboutThem() {
		MatchableArticle baker = new MatchableArticle(10, "Baker Says U.S. Wants Stable Dollar",
				"Treasury Secretary James Baker said the United States wanted a stable dollar.\n\n" + LATER[0] + "\n\n"
						+ LATER[1] + "\n\n" + LATER[2] + "\n\n" + LATER[3],
				"Washington");
		MatchableArticle passing = new MatchableArticle(11, "Yen Firms in Quiet Trading",
				"The yen firmed against the dollar in quiet trading.\n\n" + LATER[0] + "\n\n" + LATER[1]
						+ "\n\nDealers noted remarks by Treasury Secretary James Baker on Friday.\n\n" + LATER[2]
						+ "\n\n" + LATER[3],
				"Tokyo");

		assertThat(judge("\"james baker\"", baker).reason()).isEqualTo("in: the headline names it");
		assertThat(judge("\"james baker\"", passing).reason()).isEqualTo("out: a passing mention, 1 of 6 sentences");
	}

}
