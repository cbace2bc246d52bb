package news.dispatch.article;

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
 */
record ArticleDraft(String headline, List<String> paragraphs, @Nullable String url, String source, String item,
		@Nullable Instant publishedAt) {

	String body() {
		return String.join("\n\n", this.paragraphs);
	}

	/**
	 * The identity of the text: the same headline and body give the same hash wherever
	 * the story came from.
	 */
	String contentHash() {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(this.headline.getBytes(StandardCharsets.UTF_8));
			sha.update((byte) '\n');
			sha.update(body().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
