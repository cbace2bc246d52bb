package news.dispatch.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads articles written as JSON by another system: one object, or a list of them, each
 * with {@code headline} (or {@code title}), {@code body} (or {@code text} or
 * {@code content}: text, HTML, or an array of paragraphs), and optionally {@code url},
 * {@code published} (or {@code publishedAt}, {@code date}) and {@code author}.
 */
final class JsonArticles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonArticles() {
	}

	static ArticleDraft read(String text, String source, String item, Boilerplate boilerplate) {
		JsonNode article = parse(text, source, item);
		if (article == null || !article.isObject()) {
			throw new UnusableInputException(source, item,
					"the file is JSON but neither an article object nor a list of them; write {\"headline\": …,"
							+ " \"body\": …} or [{…}, {…}]");
		}
		return read(article, source, item, boilerplate);
	}

	/**
	 * The elements of a file that holds a list of articles ({@code [{…}, {…}]}), or null
	 * when it holds something else: one article, or JSON that is broken, which
	 * {@link #read(String, String, String, Boilerplate)} then reports.
	 */
	static @Nullable List<JsonNode> list(String text) {
		try {
			JsonNode list = JSON.readTree(text);
			return (list != null && list.isArray()) ? list.valueStream().toList() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Reads one article object, such as an element of a list.
	 */
	static ArticleDraft read(JsonNode article, String source, String item, Boilerplate boilerplate) {
		if (!article.isObject()) {
			throw new UnusableInputException(source, item,
					"the element is not an article object; write {\"headline\": …, \"body\": …}");
		}
		String headline = string(article, "headline", "title");
		if (headline == null) {
			throw new UnusableInputException(source, item, "the article has no headline; give it a \"headline\" field");
		}
		List<String> paragraphs = boilerplate.clean(paragraphs(article));
		if (paragraphs.isEmpty()) {
			throw new UnusableInputException(source, item,
					"the article has a headline but no story; give it a \"body\" field");
		}
		String published = string(article, "published", "publishedAt", "published_at", "date", "datePublished");
		Instant parsed = Dates.parse(published);
		String url = string(article, "url", "link", "canonical");
		return new ArticleDraft(HtmlText.normalise(headline), paragraphs,
				(url != null && url.startsWith("http")) ? url : null, source, item, parsed,
				string(article, "author", "byline"), (published != null && parsed == null) ? published : null);
	}

	private static @Nullable JsonNode parse(String text, String source, String item) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new UnusableInputException(source, item, "the file is not valid JSON ("
					+ ex.getOriginalMessage().lines().findFirst().orElse("") + "); fix it and ingest it again");
		}
	}

	private static List<String> paragraphs(JsonNode article) {
		for (String field : List.of("body", "text", "content")) {
			JsonNode body = article.path(field);
			if (body.isArray()) {
				List<String> paragraphs = new ArrayList<>();
				body.forEach((p) -> paragraphs.addAll(HtmlText.paragraphsOfFragment(p.asString(""))));
				return paragraphs;
			}
			if (body.isString() && !body.asString().isBlank()) {
				return HtmlText.paragraphsOfFragment(body.asString());
			}
		}
		return List.of();
	}

	private static @Nullable String string(JsonNode article, String... fields) {
		for (String field : fields) {
			JsonNode value = article.path(field);
			if (value.isString() && !value.asString().isBlank()) {
				return value.asString().strip();
			}
		}
		return null;
	}

}
