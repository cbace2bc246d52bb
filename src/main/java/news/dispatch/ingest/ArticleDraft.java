package news.dispatch.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A cleaned story on its way into the store.
 *
 * @param source the folder or feed it came from
 * @param item the file name or entry within the source
 * @param publishedAt when the source says it was published, if it says so readably
 * @param author the byline, when the source gives one
 * @param unreadableDate the source's publication time when it could not be read
 * @param place where the story was filed, from its lead's dateline (see {@link #located})
 */
record ArticleDraft(String headline, List<String> paragraphs, @Nullable String url, String source, String item,
		@Nullable Instant publishedAt, @Nullable String author, @Nullable String unreadableDate,
		@Nullable String place) {

	ArticleDraft(String headline, List<String> paragraphs, @Nullable String url, String source, String item,
			@Nullable Instant publishedAt, @Nullable String author, @Nullable String unreadableDate) {
		this(headline, paragraphs, url, source, item, publishedAt, author, unreadableDate, null);
	}

	ArticleDraft(String headline, List<String> paragraphs, @Nullable String url, String source, String item,
			@Nullable Instant publishedAt) {
		this(headline, paragraphs, url, source, item, publishedAt, null, null, null);
	}

	String body() {
		return String.join("\n\n", this.paragraphs);
	}

	ArticleDraft withSource(String source) {
		return new ArticleDraft(this.headline, this.paragraphs, this.url, source, this.item, this.publishedAt,
				this.author, this.unreadableDate, this.place);
	}

	ArticleDraft withPublishedAt(@Nullable Instant publishedAt) {
		return new ArticleDraft(this.headline, this.paragraphs, this.url, this.source, this.item, publishedAt,
				this.author, null, this.place);
	}

	/**
	 * The draft with the dateline that opens its lead ("WASHINGTON, May 4 -") taken off
	 * the lead and kept as its place, unless a place is known already; the draft itself
	 * when the lead has none.
	 */
	ArticleDraft located() {
		Dateline.Located located = Dateline.locate(this.paragraphs);
		if (located.place() == null) {
			return this;
		}
		return new ArticleDraft(this.headline, located.paragraphs(), this.url, this.source, this.item, this.publishedAt,
				this.author, this.unreadableDate, (this.place != null) ? this.place : located.place());
	}

	/**
	 * The draft with this author, unless it names one already.
	 */
	ArticleDraft withAuthorIfNone(@Nullable String author) {
		if (this.author != null || author == null) {
			return this;
		}
		return new ArticleDraft(this.headline, this.paragraphs, this.url, this.source, this.item, this.publishedAt,
				author, this.unreadableDate, this.place);
	}

	/**
	 * The identity of the text: the same headline and body give the same hash wherever
	 * the story came from.
	 */
	String contentHash() {
		return sha256(this.headline + "\n" + body());
	}

	static String sha256(String text) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
