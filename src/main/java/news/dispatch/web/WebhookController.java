package news.dispatch.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import news.dispatch.feedback.Feedback;
import news.dispatch.feedback.RelayEvents;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Relays' webhooks for bounces and complaints: {@code POST /api/webhooks/postmark},
 * {@code /sendgrid} (HTTP basic) and {@code /mailgun} (the signing key's HMAC of the
 * call's timestamp and token). A call that does not authenticate as its provider is
 * refused (401) before its body is read, and changes nothing; a provider with no
 * credentials configured refuses every call.
 */
@RestController
class WebhookController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RelayEvents events;

	private final WebhookSettings settings;

	private final SnsMessages sns;

	WebhookController(RelayEvents events, WebhookSettings settings, SnsMessages sns) {
		this.events = events;
		this.settings = settings;
		this.sns = sns;
	}

	@PostMapping("/api/webhooks/{provider}")
	ResponseEntity<Object> call(@PathVariable String provider, @RequestBody(required = false) @Nullable String body,
			@RequestHeader(name = "Authorization", required = false) @Nullable String authorization) {
		String json = (body != null) ? body : "";
		boolean authentic = switch (provider) {
			case "postmark" -> basic(authorization, this.settings.postmarkUsername(), this.settings.postmarkPassword());
			case "sendgrid" -> basic(authorization, this.settings.sendgridUsername(), this.settings.sendgridPassword());
			case "mailgun" -> mailgun(json);
			// an SNS message carries its own signature, checked below
			case "ses" -> true;
			default -> false;
		};
		if (!authentic) {
			return problem(HttpStatus.UNAUTHORIZED, "The call to /api/webhooks/" + provider
					+ " did not authenticate as that provider (or it is not configured under dispatch.webhooks.*);"
					+ " nothing was changed.");
		}
		JsonNode call;
		try {
			call = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return problem(HttpStatus.BAD_REQUEST, "The body is not JSON (" + ex.getOriginalMessage()
					+ "); send the provider's event JSON as it documents it.");
		}
		if (provider.equals("ses")) {
			return ses(call);
		}
		List<Feedback.Outcome> outcomes = switch (provider) {
			case "postmark" -> this.events.postmark(call);
			case "sendgrid" -> this.events.sendgrid(call);
			default -> this.events.mailgun(call);
		};
		return answer(outcomes);
	}

	/**
	 * An SNS message: authentic only when its signature verifies; a subscription's
	 * confirmation is then confirmed, a notification taken in.
	 */
	private ResponseEntity<Object> ses(JsonNode call) {
		java.util.Optional<String> refusal = this.sns.refusal(call);
		if (refusal.isPresent()) {
			return problem(HttpStatus.UNAUTHORIZED, "The call to /api/webhooks/ses is not an authentic SNS message: "
					+ refusal.get() + "; nothing was changed.");
		}
		String type = SnsMessages.text(call, "Type");
		if ("SubscriptionConfirmation".equals(type)) {
			java.net.URI subscribe = this.sns.allowed(SnsMessages.text(call, "SubscribeURL"));
			if (subscribe == null) {
				return problem(HttpStatus.BAD_REQUEST, "The SubscribeURL is not https on an allowed host"
						+ " (dispatch.webhooks.ses-certificate-hosts); the subscription was not confirmed.");
			}
			try {
				this.sns.certificates().confirm(subscribe);
			}
			catch (java.io.IOException ex) {
				return problem(HttpStatus.BAD_GATEWAY, "Confirming the subscription failed (" + ex.getMessage()
						+ "); SNS sends the confirmation again.");
			}
			return ResponseEntity.ok(Map.of("confirmed", SnsMessages.text(call, "TopicArn")));
		}
		if (!"Notification".equals(type)) {
			return ResponseEntity.ok(Map.of("events", 0));
		}
		try {
			return answer(this.events.ses(JSON.readTree(String.valueOf(SnsMessages.text(call, "Message")))));
		}
		catch (JacksonException ex) {
			return problem(HttpStatus.BAD_REQUEST, "The SNS Message is not SES's event JSON (" + ex.getOriginalMessage()
					+ "); point the SNS topic at SES bounce and complaint notifications.");
		}
	}

	private static ResponseEntity<Object> answer(List<Feedback.Outcome> outcomes) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("events", outcomes.size());
		answer.put("changed", outcomes.stream().filter(Feedback.Outcome::changed).count());
		answer.put("lines", outcomes.stream().map(Feedback.Outcome::line).toList());
		return ResponseEntity.ok(answer);
	}

	private static boolean basic(@Nullable String authorization, String username, String password) {
		if (username.isBlank() || password.isBlank() || authorization == null
				|| !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		byte[] given;
		try {
			given = Base64.getDecoder().decode(authorization.substring(6).strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(given, (username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private boolean mailgun(String body) {
		String key = this.settings.mailgunSigningKey();
		if (key.isBlank()) {
			return false;
		}
		try {
			JsonNode signature = JSON.readTree(body).path("signature");
			String timestamp = signature.path("timestamp").asString("");
			String token = signature.path("token").asString("");
			String given = signature.path("signature").asString("");
			if (timestamp.isEmpty() || token.isEmpty() || given.isEmpty()) {
				return false;
			}
			long age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
			if (Math.abs(age) > this.settings.mailgunMaxAge().toSeconds()) {
				return false;
			}
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] expected = HexFormat.of()
				.formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)))
				.getBytes(StandardCharsets.US_ASCII);
			return MessageDigest.isEqual(expected, given.toLowerCase().getBytes(StandardCharsets.US_ASCII));
		}
		catch (JacksonException | NumberFormatException | GeneralSecurityException ex) {
			return false;
		}
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(Map.of("status", status.value(), "detail", detail));
	}

}
