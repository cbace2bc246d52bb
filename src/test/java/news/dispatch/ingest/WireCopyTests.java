package news.dispatch.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain-text copy read as a person reads it, in every shape a newsroom's inbox or a wire
 * feed sends it: a headline, a lead and the story's paragraphs, the dateline's place kept
 * apart, and nothing of what the desk adds (slugs, bylines, "(more)", sign-offs). The
 * stories are invented for these tests.
 */
class WireCopyTests {

	private final ArticleFiles files = new ArticleFiles(1_000_000, Boilerplate.standard());

	private final FeedEntries entries = new FeedEntries(Boilerplate.standard());

	@TempDir
	Path folder;

	@Test
	void indentedWireCopyBecomesHeadlineLeadAndParagraphsWithItsPlace() throws IOException {
		// given: a slug, a headline in capitals, hard-wrapped lines, each paragraph's
		// first line indented, a dateline, the agency's sign-off and an archive's
		// end-of-text mark
		String copy = """
				BC-KESTREL-HARBOUR
				HARBOUR AUTHORITY RAISES PORT FEES FOR U.S. SHIPPERS
				    KESTREL BAY, March 3 - The Kestrel Bay harbour authority said
				it would raise port fees for container ships by eight pct from
				April, the first rise in four years.
				    The authority said the rise would pay for dredging the outer
				channel, which silted up after the winter storms.
				    Shipping lines said they would pass the increase on.
				    "We have no choice," a spokesman for one line said.
				 REUTER
				&#3;
				""";

		// when
		ArticleDraft draft = this.files.read("inbox", write("harbour.txt", copy));

		// then
		assertThat(draft.headline()).isEqualTo("Harbour Authority Raises Port Fees for U.S. Shippers");
		assertThat(draft.place()).isEqualTo("Kestrel Bay");
		assertThat(draft.paragraphs()).containsExactly(
				"The Kestrel Bay harbour authority said it would raise port fees for container ships by eight pct"
						+ " from April, the first rise in four years.",
				"The authority said the rise would pay for dredging the outer channel, which silted up after the"
						+ " winter storms.",
				"Shipping lines said they would pass the increase on.",
				"\"We have no choice,\" a spokesman for one line said.");
	}

	@Test
	void aDatelineOnALineOfItsOwnIsThePlaceAndNotAParagraph() throws IOException {
		// given
		String copy = """
				KESTREL FOODS SEES 1ST QTR PROFIT UP 10 PCT
				    KESTREL BAY, April 7 -
				    Kestrel Foods Inc said it expected first-quarter net profit to
				rise about ten pct on higher sales of frozen meals.
				    The company will report its results on April 21.
				 Reuter
				""";

		// when
		ArticleDraft draft = this.files.read("inbox", write("earnings.txt", copy));

		// then
		assertThat(draft.headline()).isEqualTo("Kestrel Foods Sees 1st Qtr Profit up 10 Pct");
		assertThat(draft.place()).isEqualTo("Kestrel Bay");
		assertThat(draft.paragraphs()).containsExactly(
				"Kestrel Foods Inc said it expected first-quarter net profit to rise about ten pct on higher sales"
						+ " of frozen meals.",
				"The company will report its results on April 21.");
	}

	@Test
	void agencyStyleCopyWithBylineMoreAndEndMarksKeepsOnlyTheStory() throws IOException {
		// given: blank lines and indents together, a byline, an American dateline with
		// the
		// agency, and the marks between and after takes
		String copy = """
				Town council approves footbridge over the Sandy River

				By MARIA LOPEZ

				    RIVERTON, Ore. (AP) -- The Riverton town council voted 5-2 on
				Tuesday to build a footbridge across the Sandy River, ending a
				decade of debate.

				    The bridge will cost about $4 million, the mayor said.

				(more)

				    Opponents said the money should go to road repairs.

				    -- end
				""";

		// when
		ArticleDraft draft = this.files.read("inbox", write("bridge.txt", copy));

		// then
		assertThat(draft.headline()).isEqualTo("Town council approves footbridge over the Sandy River");
		assertThat(draft.place()).isEqualTo("Riverton, Ore.");
		assertThat(draft.author()).isEqualTo("Maria Lopez");
		assertThat(draft.paragraphs()).containsExactly(
				"The Riverton town council voted 5-2 on Tuesday to build a footbridge across the Sandy River,"
						+ " ending a decade of debate.",
				"The bridge will cost about $4 million, the mayor said.",
				"Opponents said the money should go to road repairs.");
	}

	@Test
	void hardWrappedLinesBetweenBlankLinesAreJoinedIntoTheirParagraphs() throws IOException {
		// given
		String copy = """
				Library extends its opening hours

				WESTFORD, June 2 - The city library will open until nine in the
				evening on weekdays from next month, the council said on Monday.

				Staff numbers will rise by four to cover the longer hours,
				which follow a petition signed by more than 3,000 readers.
				Reuters
				""";

		// when
		ArticleDraft draft = this.files.read("inbox", write("library.txt", copy));

		// then
		assertThat(draft.place()).isEqualTo("Westford");
		assertThat(draft.paragraphs()).containsExactly(
				"The city library will open until nine in the evening on weekdays from next month, the council"
						+ " said on Monday.",
				"Staff numbers will rise by four to cover the longer hours, which follow a petition signed by more"
						+ " than 3,000 readers.");
	}

	@Test
	void wrappedLinesWithNeitherBlankLinesNorIndentsEndAParagraphOnAShortLineThatEndsASentence() throws IOException {
		// given: a paragraph ends where a sentence ends and the next word would still
		// have fitted on the line
		String copy = """
				Ferry service resumes after storm
				LONDON (Reuters) - The ferry between the two islands resumed on
				Friday after a suspension caused by high winds.
				Operators said all of the morning sailings were full.
				Extra crossings will run over the weekend to clear a backlog of
				freight lorries waiting at both ports. The company said it was
				sorry for the delays.
				""";

		// when
		ArticleDraft draft = this.files.read("inbox", write("ferry.txt", copy));

		// then
		assertThat(draft.headline()).isEqualTo("Ferry service resumes after storm");
		assertThat(draft.place()).isEqualTo("London");
		assertThat(draft.paragraphs()).containsExactly(
				"The ferry between the two islands resumed on Friday after a suspension caused by high winds.",
				"Operators said all of the morning sailings were full.",
				"Extra crossings will run over the weekend to clear a backlog of freight lorries waiting at both"
						+ " ports. The company said it was sorry for the delays.");
	}

	@Test
	void longLinesWithoutBlankLinesAreAParagraphEach() throws IOException {
		// given: a paragraph a line, too long for wrapped copy, and no blank line at all
		String first = "The regional orchestra will tour six towns in the spring, playing in village halls and"
				+ " schools that have not heard a live orchestra in decades.";
		String second = "Tickets will cost five pounds, and children will go free, the orchestra's director said"
				+ " at the launch on Wednesday evening.";

		// when
		ArticleDraft draft = this.files.read("inbox",
				write("orchestra.txt", "Orchestra takes music to villages\n" + first + "\n" + second + "\n"));

		// then
		assertThat(draft.headline()).isEqualTo("Orchestra takes music to villages");
		assertThat(draft.paragraphs()).containsExactly(first, second);
	}

	@Test
	void anOrdinaryStoryWithAPoemAndBulletsKeepsItsParagraphsAsBefore() throws IOException {
		// given: short lines of verse, one indented, inside a story with blank lines
		String story = """
				Poet wins village prize

				The judges chose a short poem about the river, which begins:

				  The water keeps its own counsel,
				      and the heron keeps the shore.

				The prize is a hundred pounds and a bench with her name on it.

				  • Village fete raises record sum
				""";

		// when
		ArticleDraft draft = this.files.read("inbox", write("poem.txt", story));

		// then
		assertThat(draft.place()).isNull();
		assertThat(draft.paragraphs()).containsExactly("The judges chose a short poem about the river, which begins:",
				"The water keeps its own counsel, and the heron keeps the shore.",
				"The prize is a hundred pounds and a bench with her name on it.");
	}

	@Test
	void aStoryShapedLikeTheSeedKeepsItsLeadAndHasNoPlace() throws IOException {
		// given
		String story = """
				Leaders meet at border station as talks on grain deal resume

				The two leaders met on Tuesday at a border station in the far east, officials said.

				A map showing the border region and the rail line to the coast

				Analysts said the deal could be signed within weeks – although neither side confirmed “the schedule”.

				  • Inside the leader’s private train

				Leave a Reply

				Your email address will not be published. Required fields are marked *
				""";

		// when
		ArticleDraft draft = this.files.read("inbox", write("seed.txt", story));

		// then
		assertThat(draft.headline()).isEqualTo("Leaders meet at border station as talks on grain deal resume");
		assertThat(draft.place()).isNull();
		assertThat(draft.paragraphs()).containsExactly(
				"The two leaders met on Tuesday at a border station in the far east, officials said.",
				"Analysts said the deal could be signed within weeks – although neither side confirmed “the"
						+ " schedule”.");
	}

	@Test
	void aFeedEntryWithPlainWireCopyInItsDescriptionIsReadLikeAWireFile() throws IOException {
		// given: the description repeats the headline in capitals, then indented copy
		String description = """
				GRAIN SILO FIRE CONTAINED
				    MILLBROOK, Sask., May 4 (Prairie Wire) - Firefighters contained a
				blaze at a grain silo outside Millbrook on Thursday after an
				eight-hour effort, the fire chief said.
				    No one was hurt. About 2,000 tonnes of wheat were lost, &amp; the
				silo will be pulled down.
				    -- end
				""";

		// when
		ArticleDraft draft = feedEntry("GRAIN SILO FIRE CONTAINED", description);

		// then
		assertThat(draft.headline()).isEqualTo("Grain Silo Fire Contained");
		assertThat(draft.place()).isEqualTo("Millbrook, Sask.");
		assertThat(draft.paragraphs()).containsExactly(
				"Firefighters contained a blaze at a grain silo outside Millbrook on Thursday after an eight-hour"
						+ " effort, the fire chief said.",
				"No one was hurt. About 2,000 tonnes of wheat were lost, & the silo will be pulled down.");
	}

	@Test
	void aFeedEntryWithADatelineInItsHtmlLeadKeepsThePlaceToo() throws IOException {
		// when
		ArticleDraft draft = feedEntry("Dockers vote to strike", "&lt;p&gt;ROTTERDAM (Reuters) - Dockers voted on"
				+ " Monday to strike.&lt;/p&gt;&lt;p&gt;The strike starts on Friday.&lt;/p&gt;");

		// then
		assertThat(draft.place()).isEqualTo("Rotterdam");
		assertThat(draft.paragraphs()).containsExactly("Dockers voted on Monday to strike.",
				"The strike starts on Friday.");
	}

	@Test
	void aJsonFeedItemWithWireCopyAsItsTextKeepsItsParagraphsAndPlace() {
		// given: content_text as the wire sent it, lines and indents kept
		String text = "PORT STRIKE ENDS\n    KESTREL BAY (Coast Wire) -- Dock workers went back to work on"
				+ "\nMonday after a four-day strike over pay.\n    The port said ships would be cleared by"
				+ "\nWednesday.\n(AP)";
		byte[] feed = ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Coast Wire\","
				+ " \"items\": [{\"id\": \"cw-1\", \"title\": \"Port strike ends\", \"content_text\": " + "\""
				+ text.replace("\n", "\\n") + "\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		String address = "http://127.0.0.1:8080/wire.json";

		// when
		SyndEntry entry = FeedParser.parse("wire", address, feed, null).entries().get(0);
		ArticleDraft draft = this.entries.draft(entry, "wire", "cw-1", address, null);

		// then
		assertThat(draft.place()).isEqualTo("Kestrel Bay");
		assertThat(draft.paragraphs()).containsExactly(
				"Dock workers went back to work on Monday after a four-day strike over pay.",
				"The port said ships would be cleared by Wednesday.");
	}

	private ArticleDraft feedEntry(String title, String description) {
		String address = "http://127.0.0.1:8080/wire.xml";
		byte[] feed = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Wire</title>"
				+ "<link>https://wire.example/</link><description>Copy</description><item><title>" + title
				+ "</title><guid isPermaLink=\"false\">wire-1</guid><description>" + description
				+ "</description></item></channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
		List<SyndEntry> read = FeedParser.parse("wire", address, feed, null).entries();
		return this.entries.draft(read.get(0), "wire", "wire-1", address, null);
	}

	private Path write(String name, String text) throws IOException {
		return Files.writeString(this.folder.resolve(name), text);
	}

}
