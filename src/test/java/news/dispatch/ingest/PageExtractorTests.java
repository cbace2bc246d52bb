package news.dispatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The story, not the page: what jsoup keeps of a news page and what it drops.
 */
class PageExtractorTests {

	private final PageExtractor pages = new PageExtractor(Boilerplate.standard());

	@Test
	void aNewsPageGivesItsHeadlineParagraphsAuthorTimeAndCanonicalAddress() throws IOException {
		ArticleDraft draft = this.pages.extract(fixture("web/article.html"), "http://127.0.0.1/article.html", "site",
				"article.html");

		assertThat(draft.headline()).isEqualTo("Glacier retreat speeds up, survey finds");
		assertThat(draft.paragraphs()).containsExactly(
				"The country’s largest glacier lost more ice in the past decade than in the thirty years before it,"
						+ " according to a survey published on Thursday.",
				"Researchers measured the glacier’s edge with drones and satellite images and found that it had"
						+ " retreated by almost 400 metres since 2016 – “a pace we did not expect to see for another"
						+ " twenty years,” said the survey’s lead author.",
				"Warmer summers and less winter snow were the main causes, the researchers said. Meltwater has"
						+ " already changed the course of two rivers below the glacier.",
				"Local guides said they had moved their walking routes twice in five years because the ice had"
						+ " become unsafe.");
		assertThat(draft.author()).isEqualTo("Ingrid Solberg");
		assertThat(draft.publishedAt()).isEqualTo(Instant.parse("2026-11-26T13:30:00Z"));
		assertThat(draft.url()).isEqualTo("https://chronicle.example/science/2026/11/glacier-retreat");
	}

	@Test
	void aDatelineOpeningThePagesLeadIsItsPlaceAndNotItsFirstWords() {
		// given
		String page = "<html><head><title>Dockers vote to strike</title></head><body><article>"
				+ "<h1>Dockers vote to strike</h1><p>ROTTERDAM, Nov. 26 (Reuters) - Dockers voted on Monday to"
				+ " strike from Friday.</p><p>The port said ships would wait at anchor.</p></article></body></html>";

		// when
		ArticleDraft draft = this.pages.extract(page, "http://127.0.0.1/strike.html", "site", "strike.html");

		// then
		assertThat(draft.place()).isEqualTo("Rotterdam");
		assertThat(draft.paragraphs()).containsExactly("Dockers voted on Monday to strike from Friday.",
				"The port said ships would wait at anchor.");
	}

	@Test
	void scriptsNavigationSharingRelatedLinksCaptionsAndCommentsAreNotTheStory() throws IOException {
		String body = this.pages
			.extract(fixture("web/article.html"), "http://127.0.0.1/article.html", "site", "article.html")
			.body();

		assertThat(body).doesNotContain("analytics", ".share", "World", "Sport", "Share", "Post", "picture showing",
				"Ice caps shrink", "Read more", "Explainer", "Leave a Reply", "email address", "© 2026");
	}

	@Test
	void aPageWithoutArticleMarkupGivesTheBlockWithTheMostText() {
		String html = """
				<html><head><title>Market day returns - Town News</title></head><body>
				<div id="menu"><a href="/">Home</a> <a href="/news">News</a></div>
				<div id="content"><p>The weekly market returned to the square on Saturday after a month away.</p>
				<p>Traders said sales were &ldquo;better than before&rdquo;, and the café stayed open late.</p></div>
				<div class="sidebar"><p>Most read</p></div></body></html>""";

		ArticleDraft draft = this.pages.extract(html, "https://town.example/market", "town", "market");

		assertThat(draft.headline()).isEqualTo("Market day returns");
		assertThat(draft.paragraphs()).containsExactly(
				"The weekly market returned to the square on Saturday after a month away.",
				"Traders said sales were “better than before”, and the café stayed open late.");
		assertThat(draft.url()).isEqualTo("https://town.example/market");
	}

	@Test
	void aPageWithNoStoryIsRefused() {
		assertThatExceptionOfType(UnusableInputException.class).isThrownBy(() -> this.pages.extract(
				"<html><head><title>Home</title></head><body><nav><a href='/'>Home" + "</a></nav></body></html>",
				"https://x.example/", "x", "https://x.example/"))
			.withMessageContaining("no story text");
	}

	@Test
	void aWordPressPageLosesItsRelatedPostsHeadingCookieBarAndCommentForm() throws IOException {
		ArticleDraft draft = this.pages.extract(fixture("web/shapes/wp-page.html"), "http://127.0.0.1/wp-page.html",
				"site", "wp-page.html");

		assertThat(draft.headline()).isEqualTo("New footbridge opens over the canal");
		assertThat(draft.paragraphs()).containsExactly(
				"A new footbridge over the canal at Lock 9 opened to walkers and cyclists on Wednesday.",
				"The bridge replaces one that was closed in 2024 after an inspection found rotten timbers.",
				"It cost £1.2 million, paid for by the canal trust and the borough.");
		assertThat(draft.author()).isEqualTo("Owen Price");
		assertThat(draft.publishedAt()).isEqualTo(Instant.parse("2026-11-25T11:20:00Z"));
		assertThat(draft.url()).isEqualTo("https://riverside.example/2026/11/25/footbridge-opens/");
	}

	@Test
	void aNewsPageWithJsonLdGivesEveryAuthorAndLosesItsPaywallTeaser() throws IOException {
		ArticleDraft draft = this.pages.extract(fixture("web/shapes/news-page.html"), "http://127.0.0.1/news.html",
				"site", "news.html");

		assertThat(draft.headline()).isEqualTo("Rail strike called off after late-night deal");
		assertThat(draft.paragraphs()).containsExactly("Union and operator agree 4.5% rise after 14 hours of talks",
				"A rail strike planned for Monday has been called off after the union and the operator reached a deal"
						+ " in the early hours of Friday.",
				"Drivers will get a 4.5% rise this year and 3% next year, the union said in a statement.",
				"“This is a fair settlement,” said the union’s general secretary.");
		assertThat(draft.author()).isEqualTo("Hana Sato, Liam Byrne");
		assertThat(draft.publishedAt()).isEqualTo(Instant.parse("2026-11-27T06:30:00Z"));
		assertThat(draft.url()).isEqualTo("https://daily.example/business/2026/nov/27/rail-strike-called-off");
	}

	@Test
	void aPlainPageDoesNotRepeatItsHeadlineOrKeepItsPostedByLine() throws IOException {
		ArticleDraft draft = this.pages.extract(fixture("web/shapes/plain-page.html"),
				"https://village.example/hall-roof", "site", "hall-roof");

		assertThat(draft.headline()).isEqualTo("Village hall gets a new roof");
		assertThat(draft.paragraphs()).containsExactly(
				"The village hall has a new slate roof, paid for by three years of jumble sales and a grant from the"
						+ " lottery fund.",
				"The hall committee thanked the 60 volunteers who ran the sales.");
		assertThat(draft.publishedAt()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
	}

	@Test
	void aHomePageOfStoryTeasersIsRefusedAndNamesTheFeedItDeclares() throws IOException {
		assertThatExceptionOfType(UnusableInputException.class)
			.isThrownBy(() -> this.pages.extract(fixture("web/shapes/homepage.html"), "http://127.0.0.1/", "site",
					"http://127.0.0.1/"))
			.withMessage("the page is a list of stories (a home or section page), not one article; it names its feed,"
					+ " https://riverside.example/feed/: give that address");
	}

	@Test
	void aThemeThatPutsTheSiteNameInAnH1StillGivesTheStorysHeadline() throws IOException {
		ArticleDraft draft = this.pages.extract(logoInAnH1(fixture("web/shapes/wp-page.html")),
				"http://127.0.0.1/post.html", "site", "post.html");

		assertThat(draft.headline()).isEqualTo("New footbridge opens over the canal");
		assertThat(draft.paragraphs()).first()
			.isEqualTo("A new footbridge over the canal at Lock 9 opened to walkers and cyclists on Wednesday.");
		assertThat(draft.author()).isEqualTo("Owen Price");
	}

	@Test
	void aBloggerPostWrittenInLinesAndBreaksGivesItsPostNotTheBlogsHeader() throws IOException {
		ArticleDraft draft = this.pages.extract(fixture("web/shapes/blogger-page.html"),
				"http://127.0.0.1/2026/11/bitterns.html", "site", "bitterns.html");

		assertThat(draft.headline()).isEqualTo("Bitterns are back at Long Reach");
		assertThat(draft.paragraphs()).containsExactly(
				"Two bitterns were heard booming at Long Reach this week, the first since 2021.",
				"The reed bed was cut back last winter to let the water in & that seems to have worked.",
				"Next walk: Saturday at 8, meet at the car park.");
		assertThat(draft.author()).isEqualTo("Greta Holm");
		assertThat(draft.publishedAt()).isEqualTo(Instant.parse("2026-11-27T20:10:00Z"));
		assertThat(draft.url()).isEqualTo("https://marshnotes.blogspot.com/2026/11/bitterns.html");
	}

	/**
	 * The WordPress page as an older theme writes it: the site's name in an h1 and the
	 * story's headline in an h2, no main or article element, no author meta tag (the
	 * byline still names her).
	 */
	private static String logoInAnH1(String wordPressPage) {
		return wordPressPage.replace("<meta name=\"author\" content=\"Owen Price\" />\n", "")
			.replace("<p class=\"site-title\">", "<h1 class=\"site-title\">")
			.replace("</a></p><p class=\"site-description\">", "</a></h1><p class=\"site-description\">")
			.replace("<main id=\"primary\"", "<div id=\"primary\"")
			.replace("</main>", "</div>")
			.replace("<article id=", "<div id=")
			.replace("</article>", "</div>")
			.replace("<h1 class=\"entry-title\">New footbridge opens over the canal</h1>",
					"<h2 class=\"entry-title\">New footbridge opens over the canal</h2>");
	}

	static String fixture(String name) throws IOException {
		try (InputStream in = PageExtractorTests.class.getResourceAsStream("/fixtures/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
