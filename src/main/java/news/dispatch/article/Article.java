package news.dispatch.article;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A stored story.
 *
 * @param id the store's identifier, stable for the life of the database
 * @param headline one line, never blank
 * @param body paragraphs separated by a blank line, boilerplate removed
 * @param url the story's canonical address, when the source gave one
 * @param source where it came from (a folder or a feed)
 * @param publishedAt when the source says it was published, else when it was ingested
 * @param place where the story was filed, as its lead's dateline named it ("Tokyo", "New
 * York", "Springfield, Ill."), taken off the lead; null when the lead had no dateline
 */
public record Article(long id, String headline, String body, @Nullable String url, String source, Instant publishedAt,
		@Nullable String place) {

	/**
	 * A story with no known place.
	 */
	public Article(long id, String headline, String body, @Nullable String url, String source, Instant publishedAt) {
		this(id, headline, body, url, source, publishedAt, null);
	}

	/**
	 * The body's paragraphs, in order.
	 */
	public List<String> paragraphs() {
		return List.of(this.body.split("\n\n"));
	}

	/**
	 * The first paragraph: what a digest shows under the headline.
	 */
	public String lead() {
		int end = this.body.indexOf("\n\n");
		return (end < 0) ? this.body : this.body.substring(0, end);
	}

}
