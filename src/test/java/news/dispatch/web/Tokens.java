package news.dispatch.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs link tokens the way the server's documented format says (base64url of
 * "subscriber.action.expiry-seconds", a dot, base64url of its HMAC-SHA256 under
 * {@code dispatch.secret}), written here independently, so tests can make expired and
 * otherwise odd tokens that the server must judge.
 */
final class Tokens {

	static final String SECRET = "a secret only the tests know";

	private Tokens() {
	}

	static String token(long subscriberId, String action, Instant expires) {
		return sign(subscriberId + "." + action + "." + expires.getEpochSecond());
	}

	static String sign(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
			return base64.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
					+ base64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
