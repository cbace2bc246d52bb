package news.dispatch.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Checks that a message posted to the SES webhook was sent by Amazon SNS: its topic is
 * one configured, its certificate comes over https from an allowed host
 * ({@code dispatch.webhooks.ses-certificate-hosts}), is valid now, and its signature
 * (version 1, SHA1withRSA, or 2, SHA256withRSA) verifies over the fields SNS signs. Any
 * address in a message is checked before it is fetched, so a forged message cannot make
 * the server fetch from elsewhere.
 */
@Component
class SnsMessages {

	private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn",
			"Type");

	private static final List<String> CONFIRMATION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
			"Token", "TopicArn", "Type");

	private final WebhookSettings settings;

	private final SnsCertificates certificates;

	private final Pattern hosts;

	SnsMessages(WebhookSettings settings, SnsCertificates certificates) {
		this.settings = settings;
		this.certificates = certificates;
		this.hosts = Pattern.compile(settings.sesCertificateHosts());
	}

	/**
	 * Why the message is not an authentic SNS message for a configured topic, or empty
	 * when it is.
	 */
	Optional<String> refusal(JsonNode message) {
		String topic = text(message, "TopicArn");
		if (topic == null || !this.settings.sesTopicArns().contains(topic)) {
			return Optional.of("its topic is not one of dispatch.webhooks.ses-topic-arns");
		}
		String type = String.valueOf(text(message, "Type"));
		List<String> fields = switch (type) {
			case "Notification" -> NOTIFICATION;
			case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> CONFIRMATION;
			default -> null;
		};
		if (fields == null) {
			return Optional.of("it is no SNS message type");
		}
		String version = String.valueOf(text(message, "SignatureVersion"));
		String algorithm = switch (version) {
			case "1" -> "SHA1withRSA";
			case "2" -> "SHA256withRSA";
			default -> null;
		};
		URI certificateUrl = allowed(text(message, "SigningCertURL"));
		String signature = text(message, "Signature");
		if (algorithm == null || certificateUrl == null || !certificateUrl.getPath().endsWith(".pem")
				|| signature == null) {
			return Optional.of("its signature version, signature or certificate address is not acceptable");
		}
		try {
			X509Certificate certificate = this.certificates.certificate(certificateUrl);
			certificate.checkValidity();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(signed(message, fields).getBytes(StandardCharsets.UTF_8));
			return verifier.verify(Base64.getDecoder().decode(signature)) ? Optional.empty()
					: Optional.of("its signature does not verify");
		}
		catch (Exception ex) {
			return Optional.of("its signature cannot be checked (" + ex.getMessage() + ")");
		}
	}

	/**
	 * The address, when it is https on an allowed host; else null.
	 */
	@Nullable URI allowed(@Nullable String address) {
		if (address == null) {
			return null;
		}
		try {
			URI url = URI.create(address);
			return ("https".equals(url.getScheme()) && url.getHost() != null && url.getUserInfo() == null
					&& this.hosts.matcher(url.getHost()).matches()) ? url : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The text SNS signs: each present field's name and value, a line each, in order.
	 */
	static String signed(JsonNode message, List<String> fields) {
		StringBuilder text = new StringBuilder();
		for (String field : fields) {
			String value = text(message, field);
			if (value != null) {
				text.append(field).append('\n').append(value).append('\n');
			}
		}
		return text.toString();
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString("");
	}

	SnsCertificates certificates() {
		return this.certificates;
	}

}
