package news.dispatch.outbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: {@code Dispatch-Signature: v1=HEX}, where HEX is the
 * HMAC-SHA256, under the endpoint's secret, of the {@code Dispatch-Timestamp} header's
 * value (Unix seconds), a full stop, and the body's bytes as sent.
 */
public final class WebhookSignature {

	/**
	 * The event's id; the same on every attempt, for de-duplication.
	 */
	public static final String ID = "Dispatch-Event-Id";

	/**
	 * The event's type.
	 */
	public static final String TYPE = "Dispatch-Event";

	/**
	 * When this attempt was signed, in Unix seconds.
	 */
	public static final String TIMESTAMP = "Dispatch-Timestamp";

	/**
	 * {@code v1=} and the hex HMAC-SHA256 of timestamp + "." + body.
	 */
	public static final String SIGNATURE = "Dispatch-Signature";

	private WebhookSignature() {
	}

	/**
	 * The value of the {@link #SIGNATURE} header.
	 */
	public static String sign(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
