package news.dispatch.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where events go and how hard Dispatch tries.
 *
 * @param endpoints the receivers; none: no event is kept
 * @param interval how often {@code serve} looks for events to deliver
 * @param connectTimeout how long to wait for a receiver to accept the connection
 * @param timeout how long one delivery may take, answer included
 * @param backoff the first pause after a failed delivery, doubled with each further one
 * @param maxBackoff the longest pause
 * @param giveUpAfter an event not delivered this long after it happened is FAILED
 * ({@code dispatch webhooks replay} sends it again)
 */
@ConfigurationProperties("dispatch.outbound")
public record OutboundSettings(@DefaultValue List<Endpoint> endpoints, @DefaultValue("1s") Duration interval,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration timeout,
		@DefaultValue("5s") Duration backoff, @DefaultValue("1h") Duration maxBackoff,
		@DefaultValue("3d") Duration giveUpAfter) {

	public OutboundSettings {
		Set<String> names = new HashSet<>();
		for (int i = 0; i < endpoints.size(); i++) {
			Endpoint endpoint = endpoints.get(i);
			String key = "dispatch.outbound.endpoints[" + i + "]";
			if (endpoint.name() == null || !endpoint.name().matches("[A-Za-z0-9_.-]{1,100}")) {
				throw new IllegalArgumentException(key + ".name is \"" + endpoint.name()
						+ "\"; give a short name of letters, digits, '.', '-' or '_'");
			}
			if (!names.add(endpoint.name())) {
				throw new IllegalArgumentException(key + ".name " + endpoint.name() + " is given twice; names differ");
			}
			if (endpoint.url() == null || !List.of("http", "https").contains(endpoint.url().getScheme())
					|| endpoint.url().getHost() == null) {
				throw new IllegalArgumentException(
						key + ".url is " + endpoint.url() + "; give the receiver's http(s):// address");
			}
			if (endpoint.secret() == null || endpoint.secret().length() < 16) {
				throw new IllegalArgumentException(key + ".secret is missing or shorter than 16 characters; give a"
						+ " long random secret and the same to the receiver");
			}
			for (String type : endpoint.events()) {
				if (!EventTypes.ALL.contains(type)) {
					throw new IllegalArgumentException(key + ".events names " + type + ", not an event; give some of "
							+ String.join(", ", EventTypes.ALL) + " (none: all)");
				}
			}
		}
		if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative()
				|| connectTimeout.isNegative() || backoff.isNegative() || maxBackoff.isNegative()
				|| giveUpAfter.isNegative()) {
			throw new IllegalArgumentException("a dispatch.outbound duration is zero or negative; give one such as 5s");
		}
	}

	/**
	 * One receiver.
	 *
	 * @param name what {@code webhooks list} calls it
	 * @param url where events are posted
	 * @param secret the HMAC-SHA256 key of the {@code Dispatch-Signature} header
	 * @param events the event types it is sent; none: all
	 */
	public record Endpoint(String name, URI url, String secret, @DefaultValue List<String> events) {

		boolean wants(String type) {
			return this.events.isEmpty() || this.events.contains(type);
		}

	}

}
