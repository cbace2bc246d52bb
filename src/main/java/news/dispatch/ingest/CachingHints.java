package news.dispatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * What a server's answer says about when to ask again: {@code Retry-After} (seconds or an
 * HTTP date) on a 429 or 503, and {@code Cache-Control: max-age} (else {@code Expires},
 * measured against the server's own {@code Date}) on a document, as a browser's cache
 * reads them. {@code no-cache} and {@code no-store} give no freshness.
 */
final class CachingHints {

	private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})");

	private static final Pattern NO_CACHE = Pattern.compile("(?i)(?:^|[,\\s])(no-cache|no-store)(?:$|[,\\s=])");

	private final HttpHeaders headers = new HttpHeaders();

	CachingHints(Map<String, List<String>> fields) {
		fields.forEach((name, values) -> {
			// HttpURLConnection gives the status line under the null name
			if (name != null) {
				this.headers.addAll(name, values);
			}
		});
	}

	/**
	 * When the server asks to be asked again, or null when it does not say (or says it in
	 * a way that cannot be read).
	 */
	@Nullable Instant retryAfter(Instant now) {
		String value = this.headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.strip().matches("\\d{1,10}")) {
			return now.plusSeconds(Long.parseLong(value.strip()));
		}
		try {
			long date = this.headers.getFirstDate(HttpHeaders.RETRY_AFTER);
			return (date < 0) ? null : Instant.ofEpochMilli(date);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Until when the document may be taken as it is without asking, or null when the
	 * server gives no freshness.
	 */
	@Nullable Instant freshUntil(Instant now) {
		String cacheControl = String.join(",", this.headers.getOrEmpty(HttpHeaders.CACHE_CONTROL));
		if (NO_CACHE.matcher(cacheControl).find()) {
			return null;
		}
		Matcher maxAge = MAX_AGE.matcher(cacheControl);
		if (maxAge.find()) {
			long seconds = Long.parseLong(maxAge.group(1));
			return (seconds > 0) ? now.plusSeconds(seconds) : null;
		}
		long expires = date(HttpHeaders.EXPIRES);
		if (expires < 0) {
			return null;
		}
		long served = date(HttpHeaders.DATE);
		// the server's clock decides how long it means, not ours
		Duration fresh = Duration.ofMillis(expires - ((served >= 0) ? served : now.toEpochMilli()));
		return fresh.isNegative() || fresh.isZero() ? null : now.plus(fresh);
	}

	private long date(String name) {
		try {
			return this.headers.getFirstDate(name);
		}
		catch (IllegalArgumentException ex) {
			// "Expires: 0" and other dates that cannot be read mean already expired
			return -1;
		}
	}

}
