package news.dispatch.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which openings of a lead are datelines, and the place each names; and the headlines in
 * capitals a reader gets in title case.
 */
class DatelineTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			WASHINGTON, May 4 - The House passed the bill.        | Washington       | The House passed the bill.
			TOKYO, March 3 - Exports rose.                        | Tokyo            | Exports rose.
			NEW YORK (AP) -- Stocks fell.                         | New York         | Stocks fell.
			LONDON (Reuters) - The pound rose.                    | London           | The pound rose.
			ST. LOUIS, Oct. 19 — Rain fell.                       | St. Louis        | Rain fell.
			SPRINGFIELD, Ill., Sept. 5 (AP) -- Voters went out.   | Springfield, Ill.| Voters went out.
			Tokyo, March 3 (Kyodo) - Exports rose.                | Tokyo            | Exports rose.
			PARIS - “We agree,” the minister said.                | Paris            | “We agree,” the minister said.
			RIO DE JANEIRO, Feb 26 - Coffee prices fell.          | Rio de Janeiro   | Coffee prices fell.
			DAR ES SALAAM, July 3 (Reuters) - Talks resumed.      | Dar es Salaam    | Talks resumed.
			""")
	void aDatelineOpeningTheLeadIsThePlaceAndNotPartOfTheLead(String lead, String place, String rest) {
		// when
		Dateline dateline = Dateline.of(lead);

		// then
		assertThat(dateline).isNotNull();
		assertThat(dateline.place()).isEqualTo(place.strip());
		assertThat(dateline.lead()).isEqualTo(rest.strip());
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mr Kim - who arrived by train - met the governor.",
			"The U.S. - Japan talks resumed on Monday.", "In LONDON - and only there - prices fell.",
			"Analysts said the U.S.-Japan deal was near.", "WASHINGTON-BASED groups said the rule was unfair.",
			"Officials, May 4 was a holiday, said nothing.", "Prices rose - and fell -" })
	void aLeadThatOnlyLooksLikeItIsLeftWhole(String lead) {
		assertThat(Dateline.of(lead)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			U.S. HOUSE PASSES TRADE BILL            | U.S. House Passes Trade Bill
			NATO AND EU LEADERS MEET IN BRUSSELS    | NATO and EU Leaders Meet in Brussels
			JAPAN'S G7 ROLE IN DOUBT AFTER 3RD VOTE | Japan's G7 Role in Doubt After 3rd Vote
			U.S.-JAPAN TALKS: THE SECOND ROUND      | U.S.-Japan Talks: The Second Round
			BBC AND CNN REPORTERS FREED BY O'NEILL  | BBC and CNN Reporters Freed by O'Neill
			Kim arrives in Russia for talks         | Kim arrives in Russia for talks
			""")
	void aHeadlineInCapitalsReadsInTitleCaseWithItsAcronymsKept(String headline, String readable) {
		assertThat(HeadlineCase.readable(headline.strip())).isEqualTo(readable.strip());
	}

}
