package news.dispatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds as real publishers write them (WordPress, Blogger, Medium, YouTube, Google News,
 * podcasts, JSON Feed): what each entry becomes, or why it is refused.
 */
class FeedShapesTests {

	private final FeedEntries entries = new FeedEntries(Boilerplate.standard());

	@Test
	void wordPressContentLosesItsAppearedFirstOnFooterAndTheHeadingOfItsRelatedPosts() throws IOException {
		List<ArticleDraft> drafts = drafts("wordpress.xml");

		assertThat(drafts.get(0).paragraphs()).containsExactly(
				"The new flood wall along the east bank was handed over on Friday, two months ahead of schedule,"
						+ " the borough’s engineers said.",
				"The wall, 1.8 kilometres long, protects about 900 homes that were flooded in 2019 and again in 2023.",
				"“We had a dry autumn, and that helped,” said the project manager, Tomasz Wójcik.");
		assertThat(drafts.get(0).author()).isEqualTo("Priya Natarajan");
		assertThat(drafts.get(0).url()).isEqualTo("https://riverside.example/2026/11/27/flood-defences-finished/");
		assertThat(drafts.get(1).paragraphs()).containsExactly(
				"Traders at the covered market hall voted 41 to 12 in favour of opening on Sundays from January.",
				"Some stallholders said they would need more staff.");
	}

	@Test
	void contentThatStartsByRepeatingTheTitleDoesNotKeepTheRepeat() throws IOException {
		ArticleDraft medium = drafts("medium.xml").get(0);

		assertThat(medium.headline()).isEqualTo("Why the 7 bus is always late");
		assertThat(medium.paragraphs()).containsExactly(
				"I downloaded a year of arrival times for route 7 and found the delays start at one junction.",
				"The lights at Mill Cross give buses eleven seconds of green.");
	}

	@Test
	void aRelativeAtomLinkResolvesAgainstTheFeedsXmlBase() throws IOException {
		ArticleDraft moss = drafts("xhtml-atom.xml").get(0);

		assertThat(moss.headline()).isEqualTo("Moss survey finds rare species");
		assertThat(moss.url()).isEqualTo("https://notebook.example/blog/2026/moss-survey");
		assertThat(moss.publishedAt()).isEqualTo(Instant.parse("2026-11-26T17:00:00Z"));
	}

	@Test
	void aVideoEntryTakesItsTextFromItsMediaGroup() throws IOException {
		ArticleDraft video = drafts("youtube.xml").get(0);

		assertThat(video.headline()).isEqualTo("Full council meeting, 26 November 2026");
		assertThat(video.body()).isEqualTo("Councillors debate the budget for next year and the plan for the harbour."
				+ " Agenda item 4 starts at 01:12:00.");
		assertThat(video.url()).isEqualTo("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
	}

	@Test
	void anAggregatorsEntriesThatAreOnlyLinksAreRefusedAsSuch() throws IOException {
		List<Object> read = read("gnews.xml");

		assertThat(read).hasSize(2)
			.allSatisfy((entry) -> assertThat(entry).isInstanceOf(UnusableInputException.class)
				.extracting((e) -> ((UnusableInputException) e).reason())
				.asString()
				.startsWith(
						"the entry's text is only links to other pages (an aggregator's list, as Google News gives),"
								+ " not a story; it was left out: ingest the publishers' own feeds instead"));
	}

	@Test
	void aPodcastEpisodeWithOnlyItsAudioIsRefusedAsSuchAndOneWithASummaryIsTaken() throws IOException {
		List<Object> read = read("podcast.xml");

		assertThat((Throwable) read.get(0)).isInstanceOf(UnusableInputException.class)
			.hasMessage("the entry is only an enclosure (audio/mpeg https://cdn.example/ep12.mp3), such as a podcast"
					+ " episode, with no text; it was left out");
		assertThat(((ArticleDraft) read.get(1)).body())
			.isEqualTo("We talk to the ferry company about next year's fares.");
	}

	@Test
	void feedDatesInTheShapesPublishersBendRfc822IntoAreRead() throws IOException {
		List<ArticleDraft> drafts = drafts("dupguid.xml");

		// "Thursday, 26 Nov 2026 09:00:00 GMT+0100", which Rome cannot read
		assertThat(drafts.get(2).publishedAt()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
		assertThat(drafts.get(2).unreadableDate()).isNull();
		assertThat(Dates.parse("Thu, 26 Nov 2026 08:00 PDT")).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
		assertThat(Dates.parse("26 November 2026 8:00:00 EST")).isEqualTo(Instant.parse("2026-11-26T13:00:00Z"));
		assertThat(Dates.parse("Thu, 26 Nov 26 08:00:00 +0000")).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
		assertThat(Dates.parse("Nov 26, 2026 08:00:00 UTC+1")).isEqualTo(Instant.parse("2026-11-26T07:00:00Z"));
		assertThat(Dates.parse("sometime last Tuesday")).isNull();
	}

	@Test
	void aJsonFeedIsReadLikeAnyFeed() throws IOException {
		List<ArticleDraft> drafts = drafts("jsonfeed.json");

		assertThat(drafts).hasSize(2);
		assertThat(drafts.get(0).headline()).isEqualTo("Streetlights dimmed after midnight from next month");
		assertThat(drafts.get(0).paragraphs()).containsExactly(
				"The council will dim streetlights by half between midnight and five from December.",
				"It expects to save £80,000 a year.");
		assertThat(drafts.get(0).url()).isEqualTo("https://nightowl.example/2026/11/streetlights");
		assertThat(drafts.get(0).author()).isEqualTo("Rosa Lindqvist");
		assertThat(drafts.get(0).publishedAt()).isEqualTo(Instant.parse("2026-11-27T22:00:00Z"));
		assertThat(drafts.get(1).paragraphs()).containsExactly(
				"Volunteers put up six barn owl boxes in the park on Sunday.",
				"They hope the first pairs will nest in spring.");
	}

	@Test
	void markupEscapedTwiceIsUnescapedOnceMoreAndNotKeptAsText() throws IOException {
		ArticleDraft cafe = drafts("double-escaped.xml").get(0);

		assertThat(cafe.headline()).isEqualTo("Tom & Jerry’s café closes");
		assertThat(cafe.paragraphs()).containsExactly("The café on Mill Street closed on Friday after 30 years.",
				"Its owners are retiring.");
	}

	@Test
	void aPageDateWithAnOffsetWithoutItsColonIsRead() {
		assertThat(Dates.parse("2026-11-27T06:30:00.000+0000")).isEqualTo(Instant.parse("2026-11-27T06:30:00Z"));
		assertThat(Dates.parse("2026-11-27T07:30:00+0100")).isEqualTo(Instant.parse("2026-11-27T06:30:00Z"));
	}

	@Test
	void charsetsByteOrderMarksEntitiesAndExtensionsAreReadAsThePublisherMeantThem() throws IOException {
		assertThat(drafts("bom.xml").get(0).body()).startsWith("Tram drivers in Zürich voted to strike next Tuesday —");
		assertThat(drafts("leading-space.xml").get(0).publishedAt()).isEqualTo(Instant.parse("2026-11-27T18:00:00Z"));
		assertThat(drafts("windows-1252.xml").get(0).body())
			.isEqualTo("“It’s the best year yet,” said the organiser – who has run it since 1998. Entry cost €5.");
		assertThat(drafts("latin1.xml").get(0).headline()).isEqualTo("Año récord para la cosecha de aceitunas");
		assertThat(drafts("utf16.xml").get(0).headline()).isEqualTo("Новый мост открыт для движения");
		assertThat(drafts("entities.xml")).extracting(ArticleDraft::headline)
			.containsExactly("Mayor’s office — new hours", "Q&A: what the new bin rules mean");
		assertThat(drafts("entities.xml").get(0).publishedAt()).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
		assertThat(drafts("blogger.xml").get(0).paragraphs()).containsExactly(
				"Two bitterns were heard booming at Long Reach this week, the first since 2021.",
				"The reed bed was cut back last winter to let the water in & that seems to have worked.",
				"Next walk: Saturday at 8, meet at the car park.");
		assertThat(drafts("substack.xml").get(0).paragraphs()).containsExactly(
				"The county spent £42 million on roads this year, but only a quarter of it went on potholes.",
				"Most of the rest paid for two bypass schemes agreed in 2022.", "Next week: school transport.");
		assertThat(drafts("rdf.xml").get(0).author()).isEqualTo("msmash");
		assertThat(drafts("bbc.xml").get(1).body())
			.isEqualTo("Negotiators from the three countries will meet in Geneva next week.");
		assertThat(drafts("atom-plain.xml")).extracting(ArticleDraft::body)
			.containsExactly("Extra sailings on 23 and 27 December; none on Christmas Day.",
					"Gritters will treat the hill roads first.\n\nThe town centre will be treated by 6am.");
		assertThat(drafts("control-chars.xml")).extracting(ArticleDraft::headline)
			.containsExactly("Harbour fees rise by 3%", "Second story survives");
	}

	@Test
	void aUtf8FeedWithAStrayLatin1ByteKeepsItsUtf8TextAndSaysWhatItRepaired() throws IOException {
		FeedParser.Feed feed = FeedParser.parse("site", "http://127.0.0.1/mixed.xml", bytes("mixed-bytes.xml"), null);
		List<ArticleDraft> drafts = drafts("mixed-bytes.xml");

		assertThat(feed.notes()).containsExactly("the feed says it is UTF-8 but has 1 byte that is not UTF-8; read"
				+ " as UTF-8, with those bytes as Windows-1252");
		assertThat(drafts.get(0).headline()).isEqualTo("Café “La Plaza” wins award");
		assertThat(drafts.get(0).body()).isEqualTo("The café’s owner said the award was “a surprise”.");
		assertThat(drafts.get(1).body()).isEqualTo("The club in Peña Street reopened on Friday.");
		assertThat(drafts.get(2).url()).isEqualTo("https://mixed.example/guid-only");
	}

	@Test
	void anRss2AuthorGivesTheNameBesideItsEmailAndAnAtomEntryInheritsItsFeedsAuthor() throws IOException {
		assertThat(drafts("rss-author.xml").get(0).author()).isEqualTo("Jane Doe");
		assertThat(drafts("xhtml-atom.xml").get(0).author()).isEqualTo("Ines Carvalho");
	}

	@Test
	void entriesSharingOneGuidAreKnownByTheirLinksAndFeedBurnerEntriesByTheirOriginalLink() throws IOException {
		String address = "http://127.0.0.1/shared-guid.xml";
		FeedParser.Feed feed = FeedParser.parse("site", address, bytes("shared-guid.xml"), null);

		assertThat(feed.entries()).extracting((entry) -> FeedEntries.seenKey(entry, address))
			.containsExactly("link:https://same.example/bus-station", "link:https://same.example/ice-rink",
					"guid:choir-2026");
		assertThat(feed.notes()).containsExactly(
				"2 entries share the guid https://same.example/; they are told apart by their links, tell the publisher");
		assertThat(drafts("shared-guid.xml").get(2).url()).isEqualTo("https://same.example/choir");
	}

	@Test
	void aGuidThatIsNotAnAddressIsNotMadeIntoOneAndReadMoreLinksAreNotTheStory() throws IOException {
		List<ArticleDraft> drafts = drafts("guid-no-link.xml");

		assertThat(drafts).extracting(ArticleDraft::url)
			.containsExactly(null, "https://counter.example/huts", "http://127.0.0.1:8080/feeds/lifeboat.html",
					"https://counter.example/cr");
		assertThat(drafts.get(3).paragraphs()).containsExactly("The harbour wall will be raised by half a metre. […]");
	}

	@Test
	void aFeedWithAServerWarningPrintedBeforeItsXmlIsReadFromItsDeclarationWithANote() throws IOException {
		FeedParser.Feed feed = FeedParser.parse("site", "http://127.0.0.1/feed", bytes("php-warning.xml"), null);

		assertThat(feed.notes()).singleElement()
			.asString()
			.startsWith("the feed has text before its XML declaration (\"Warning: Cannot modify header information")
			.endsWith("such as a server's warning; read from the declaration on, tell its publisher");
		assertThat(drafts("php-warning.xml")).singleElement()
			.extracting(ArticleDraft::body)
			.isEqualTo("The biggest marrow weighed 31 kilograms.");
	}

	@Test
	void softHyphensAreDroppedSoThatWordsStayWholeForSearch() throws IOException {
		ArticleDraft draft = drafts("soft-hyphens.xml").get(0);

		assertThat(draft.headline()).isEqualTo("Bundesregierung beschließt Haushalt");
		assertThat(draft.body()).isEqualTo("Die Bundesregierung hat den Haushaltsentwurf für 2027 beschlossen.");
	}

	private List<ArticleDraft> drafts(String fixture) throws IOException {
		return read(fixture).stream().map(ArticleDraft.class::cast).toList();
	}

	/**
	 * Each entry of the fixture, served from a loopback address, as a draft or the
	 * refusal its report line shows.
	 */
	private List<Object> read(String fixture) throws IOException {
		String address = "http://127.0.0.1:8080/feeds/" + fixture;
		FeedParser.Feed feed = FeedParser.parse("site", address, bytes(fixture), null);
		List<@org.jspecify.annotations.Nullable String> dates = FeedParser.rawDates(feed.text());
		List<Object> read = new ArrayList<>();
		for (int i = 0; i < feed.entries().size(); i++) {
			SyndEntry entry = feed.entries().get(i);
			try {
				read.add(this.entries.draft(entry, "site", FeedEntries.item(entry, i, address), address,
						(i < dates.size()) ? dates.get(i) : null));
			}
			catch (UnusableInputException ex) {
				read.add(ex);
			}
		}
		return read;
	}

	static byte[] bytes(String fixture) throws IOException {
		try (InputStream in = FeedShapesTests.class.getResourceAsStream("/fixtures/web/shapes/" + fixture)) {
			return in.readAllBytes();
		}
	}

}
