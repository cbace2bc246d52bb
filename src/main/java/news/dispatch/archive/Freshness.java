package news.dispatch.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.context.request.WebRequest;

/**
 * Conditional GET for the archive: an ETag made of what a page or feed shows, its
 * Last-Modified, and a Cache-Control that lets browsers, feed readers and proxies keep it
 * for {@code dispatch.archive.cache-max-age}. A client that sends the ETag
 * (If-None-Match) or the time (If-Modified-Since) back gets 304 and no body when nothing
 * changed.
 */
final class Freshness {

	private Freshness() {
	}

	/**
	 * Sets the caching headers and tells whether the client's copy is still good, in
	 * which case the answer is 304 and the caller renders nothing.
	 * @param parts what the answer depends on; equal parts, equal ETag
	 */
	static boolean unchanged(WebRequest request, HttpServletResponse response, Duration maxAge, Instant lastModified,
			Object... parts) {
		response.setHeader("Cache-Control", "public, max-age=" + maxAge.toSeconds());
		return request.checkNotModified("\"" + hash(parts) + "\"", lastModified.toEpochMilli());
	}

	private static String hash(Object... parts) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (Object part : parts) {
				sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
