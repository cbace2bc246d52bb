package news.dispatch.subscriber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import news.dispatch.system.DispatchSettings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The links in every message that let a reader act without a password: unsubscribe and
 * preferences. Each carries a token signed with the server's secret (HMAC-SHA256), bound
 * to the subscriber and the action, so it cannot be guessed or used for someone else.
 * <p>
 * The secret is {@code dispatch.secret}, or one generated on first use and kept in the
 * data directory, so links in mail already sent keep working across restarts.
 */
@Component
public class SubscriberLinks {

	private final String baseUrl;

	private final byte[] secret;

	private final ThreadLocal<Mac> macs;

	SubscriberLinks(DispatchSettings settings, @Value("${dispatch.secret:}") String secret) {
		this.baseUrl = settings.site().url().replaceAll("/+$", "");
		this.secret = secret.isBlank() ? storedSecret(settings.dataDir().resolve("secret"))
				: secret.getBytes(StandardCharsets.UTF_8);
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	public String unsubscribe(long subscriberId) {
		return this.baseUrl + "/unsubscribe?token=" + token(subscriberId, "unsubscribe");
	}

	public String preferences(long subscriberId) {
		return this.baseUrl + "/preferences?token=" + token(subscriberId, "preferences");
	}

	/**
	 * The subscriber a link's token was made for, if the token is one this server signed
	 * for that action; a forged, altered or truncated token, or one made for another
	 * action, gives nothing.
	 */
	public Optional<Long> verify(String token, String action) {
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String payload;
		try {
			payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
		byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given) || !payload.endsWith("." + action)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Long.parseLong(payload.substring(0, payload.length() - action.length() - 1)));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	String token(long subscriberId, String action) {
		String payload = subscriberId + "." + action;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
				+ sign(payload);
	}

	private String sign(String payload) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(this.macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
	}

	// Mac.getInstance looks the provider up through the ServiceLoader: as costly as the
	// rest of a digest; one Mac per sending thread, reset by each doFinal
	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static synchronized byte[] storedSecret(Path file) {
		try {
			if (!Files.exists(file)) {
				byte[] fresh = new byte[32];
				new SecureRandom().nextBytes(fresh);
				Files.createDirectories(file.getParent());
				Files.writeString(file, HexFormat.of().formatHex(fresh));
			}
			return HexFormat.of().parseHex(Files.readString(file).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the link secret " + file
					+ "; check that the data directory is writable, or set dispatch.secret.", ex);
		}
	}

}
