package news.dispatch.subscriber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import news.dispatch.system.DispatchSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The links that let a reader act without a password: unsubscribe, preferences, the
 * confirmation of a sign-up or of a new address, and the web copy of one message ("view
 * in browser"). Each carries a token signed with the server's secret (HMAC-SHA256) over
 * the subscriber, the action and an expiry time, so it cannot be guessed, used for
 * someone else or another action, or used after it expires ({@link LinkSettings}).
 * <p>
 * The secret is {@code dispatch.secret}, or one generated on first use and kept in the
 * data directory, so links in mail already sent keep working across restarts.
 */
@Component
public class SubscriberLinks {

	/** The action of an unsubscribe link. */
	public static final String UNSUBSCRIBE = "unsubscribe";

	/** The action of a preferences link. */
	public static final String PREFERENCES = "preferences";

	/** The action of a sign-up's confirmation link. */
	public static final String CONFIRM = "confirm";

	/**
	 * The action of the link that confirms a new address, followed by a signature of that
	 * address: a link mailed for one new address never confirms another.
	 */
	public static final String ADDRESS = "address-";

	/**
	 * The action of a web copy's link, followed by the message's ledger id: a token for
	 * one message never opens another.
	 */
	public static final String WEB_COPY = "copy-";

	private final String baseUrl;

	private final byte[] secret;

	private final ThreadLocal<Mac> macs;

	private final LinkSettings validity;

	private final Clock clock;

	@Autowired
	SubscriberLinks(DispatchSettings settings, LinkSettings validity, @Value("${dispatch.secret:}") String secret) {
		this(settings, validity, secret, Clock.systemUTC());
	}

	SubscriberLinks(DispatchSettings settings, LinkSettings validity, String secret, Clock clock) {
		this.baseUrl = settings.site().url().replaceAll("/+$", "");
		this.secret = secret.isBlank() ? storedSecret(settings.dataDir().resolve("secret"))
				: secret.getBytes(StandardCharsets.UTF_8);
		this.macs = ThreadLocal.withInitial(this::newMac);
		this.validity = validity;
		this.clock = clock;
	}

	public String unsubscribe(long subscriberId) {
		return this.baseUrl + "/unsubscribe?token=" + token(subscriberId, UNSUBSCRIBE);
	}

	public String preferences(long subscriberId) {
		return this.baseUrl + "/preferences?token=" + token(subscriberId, PREFERENCES);
	}

	public String confirm(long subscriberId) {
		return this.baseUrl + "/confirm?token=" + token(subscriberId, CONFIRM);
	}

	/**
	 * The link, mailed to a new address the reader asked for, that makes it theirs; valid
	 * as long as a confirmation link.
	 */
	public String address(long subscriberId, String newEmail) {
		return this.baseUrl + "/address?token=" + token(subscriberId, addressAction(newEmail));
	}

	/**
	 * The action of the link that confirms this new address.
	 */
	String addressAction(String newEmail) {
		return ADDRESS + Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(signature("address:" + newEmail))
			.substring(0, 16);
	}

	/**
	 * The subscriber a token says it is for, not verified: only to find what to verify it
	 * against ({@link #check}).
	 */
	Optional<Long> claimed(String token) {
		try {
			String payload = new String(
					Base64.getUrlDecoder().decode(token.substring(0, Math.max(0, token.indexOf('.')))),
					StandardCharsets.US_ASCII);
			return Optional.of(Long.parseLong(payload.substring(0, Math.max(0, payload.indexOf('.')))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The web copy of one message sent to this subscriber (its ledger id): the link never
	 * expires, like the unsubscribe link, since old mail must still open; it shows that
	 * message only, and only as its reader got it.
	 */
	public String webCopy(long subscriberId, long deliveryId) {
		return this.baseUrl + "/archive/copies/" + deliveryId + "?token="
				+ signed(subscriberId + "." + WEB_COPY + deliveryId);
	}

	/**
	 * The subscriber a link's token was made for, if the token is one this server signed
	 * for that action and it has not expired; a forged, altered, truncated or expired
	 * token, or one made for another action, gives nothing.
	 */
	public Optional<Long> verify(String token, String action) {
		LinkCheck check = check(token, action);
		return check.valid() ? Optional.of(check.subscriberId()) : Optional.empty();
	}

	/**
	 * Whether a link's token is valid for the action, expired, or not this server's at
	 * all. An unsubscribe token never expires, whenever it was signed and whatever expiry
	 * an older Dispatch wrote into it: old mail can always be unsubscribed from. Nor does
	 * a web copy's token ({@link #WEB_COPY}).
	 */
	public LinkCheck check(String token, String action) {
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return LinkCheck.INVALID;
		}
		String payload;
		try {
			payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException ex) {
			return LinkCheck.INVALID;
		}
		byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
		byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given)) {
			return LinkCheck.INVALID;
		}
		String[] parts = payload.split("\\.", -1);
		if (parts.length < 2 || parts.length > 3 || !parts[1].equals(action)) {
			return LinkCheck.INVALID;
		}
		try {
			long subscriberId = Long.parseLong(parts[0]);
			if (action.equals(UNSUBSCRIBE) || (action.startsWith(WEB_COPY) && parts.length == 2)) {
				return new LinkCheck(LinkCheck.State.VALID, subscriberId);
			}
			if (parts.length == 2) {
				return new LinkCheck(LinkCheck.State.EXPIRED, subscriberId);
			}
			boolean expired = this.clock.instant().isAfter(Instant.ofEpochSecond(Long.parseLong(parts[2])));
			return new LinkCheck(expired ? LinkCheck.State.EXPIRED : LinkCheck.State.VALID, subscriberId);
		}
		catch (NumberFormatException ex) {
			return LinkCheck.INVALID;
		}
	}

	String token(long subscriberId, String action) {
		if (action.equals(UNSUBSCRIBE)) {
			return signed(subscriberId + "." + action);
		}
		Duration valid = action.startsWith(ADDRESS) ? this.validity.confirm() : switch (action) {
			case PREFERENCES -> this.validity.preferences();
			case CONFIRM -> this.validity.confirm();
			default -> throw new IllegalArgumentException("no link for the action " + action);
		};
		return signed(subscriberId + "." + action + "." + this.clock.instant().plus(valid).getEpochSecond());
	}

	private String signed(String payload) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
				+ sign(payload);
	}

	/**
	 * The server's signature (HMAC-SHA256 with the link secret) of any text, for tokens
	 * other features make, such as the return path of each message. Callers put what the
	 * token is for into the payload, so a token of one kind never passes for another.
	 */
	public byte[] signature(String payload) {
		return this.macs.get().doFinal(payload.getBytes(StandardCharsets.UTF_8));
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
