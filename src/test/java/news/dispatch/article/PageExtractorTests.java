package news.dispatch.article;

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

	static String fixture(String name) throws IOException {
		try (InputStream in = PageExtractorTests.class.getResourceAsStream("/fixtures/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
