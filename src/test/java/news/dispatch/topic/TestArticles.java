package news.dispatch.topic;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Test helpers: the fixture story and one-query matching.
 */
final class TestArticles {

	private TestArticles() {
	}

	/**
	 * Load a fixture: headline on line 1, then paragraphs separated by blank lines.
	 */
	static MatchableArticle fixture(long id, String name) {
		try (InputStream in = TestArticles.class.getResourceAsStream(name)) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
			int firstBreak = text.indexOf('\n');
			return new MatchableArticle(id, text.substring(0, firstBreak).strip(), text.substring(firstBreak).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The Kim Jong Un armoured train story (12 paragraphs). */
	static MatchableArticle kimTrainStory() {
		return fixture(1, "kim-train-to-russia.txt");
	}

	static MatchableArticle article(String headline, String... paragraphs) {
		return new MatchableArticle(99, headline, String.join("\n\n", paragraphs));
	}

	/** Match one article against one query; return the match, or {@code null}. */
	static TopicMatch matchOne(String query, MatchableArticle article) {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("topic", query))) {
			List<TopicMatch> matches = matcher.match(List.of(article));
			return matches.isEmpty() ? null : matches.get(0);
		}
	}

	static boolean matches(String query, MatchableArticle article) {
		return matchOne(query, article) != null;
	}

	static String highlighted(TopicMatch match, Highlight highlight) {
		return match.snippet().substring(highlight.start(), highlight.end());
	}

}
