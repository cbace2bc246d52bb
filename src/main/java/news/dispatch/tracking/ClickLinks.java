package news.dispatch.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import news.dispatch.delivery.LedgerKey;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.system.DispatchSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@code /r/TOKEN} link of a story in a message. The token names the message (its
 * ledger row), the story and the topic it was listed under, and is signed with the
 * server's link secret; it holds no address: the redirect goes to the stored story's own
 * address, so the link cannot be made to lead anywhere else.
 */
@Component
public class ClickLinks {

	private static final String VERSION = "c1";

	private final SubscriberLinks signer;

	private final String baseUrl;

	ClickLinks(SubscriberLinks signer, DispatchSettings settings) {
		this.signer = signer;
		this.baseUrl = settings.site().url().replaceAll("/+$", "");
	}

	/**
	 * What a link stands for.
	 *
	 * @param deliveryId the message's ledger row
	 * @param topicId the topic the story was listed under; null for keywords
	 */
	public record Click(LedgerKey key, long deliveryId, long articleId, @Nullable Long topicId) {
	}

	public String link(Click click) {
		return this.baseUrl + "/r/" + token(click);
	}

	String token(Click click) {
		String payload = VERSION + "|" + click.key().kind().column() + "|" + click.key().key() + "|"
				+ click.deliveryId() + "|" + click.articleId() + "|"
				+ ((click.topicId() != null) ? click.topicId() : "");
		return encode(payload.getBytes(StandardCharsets.US_ASCII)) + "." + encode(signature(payload));
	}

	/**
	 * The click a token stands for, when this server signed it; a forged, altered or
	 * truncated token gives nothing.
	 */
	Optional<Click> verify(String token) {
		int dot = token.indexOf('.');
		if (dot <= 0 || token.length() > 300) {
			return Optional.empty();
		}
		try {
			String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
					StandardCharsets.US_ASCII);
			byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
			if (!MessageDigest.isEqual(given, signature(payload))) {
				return Optional.empty();
			}
			String[] parts = payload.split("\\|", -1);
			if (parts.length != 6 || !VERSION.equals(parts[0])) {
				return Optional.empty();
			}
			LedgerKey key = LedgerKey.ofColumns(parts[1], parts[2]);
			return Optional.of(new Click(key, Long.parseLong(parts[3]), Long.parseLong(parts[4]),
					parts[5].isEmpty() ? null : Long.parseLong(parts[5])));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private byte[] signature(String payload) {
		// the first 16 bytes of the HMAC: short links, still beyond guessing
		return Arrays.copyOf(this.signer.signature("click:" + payload), 16);
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
