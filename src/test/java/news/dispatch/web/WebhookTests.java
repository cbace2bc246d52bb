package news.dispatch.web;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.SentEdition;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.DeliveryStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relays' webhooks over real HTTP with the providers' documented event JSON: a call that
 * does not authenticate as its provider is refused and changes nothing; an authentic one
 * is tied to its message and applied as a returned report is, once.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/webhooks", "dispatch.sending.bounces-to-suppress=1",
				"dispatch.webhooks.postmark-username=postmark", "dispatch.webhooks.postmark-password=pm-secret",
				"dispatch.webhooks.sendgrid-username=sendgrid", "dispatch.webhooks.sendgrid-password=sg-secret",
				"dispatch.webhooks.mailgun-signing-key=" + WebhookTests.MAILGUN_KEY })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTests {

	static final String MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

	static final Path DATA = Path.of("target/test-data/webhooks");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SentEdition.properties(registry);
	}

	@Autowired
	Site site;

	@Autowired
	LedgerEntries entries;

	Map<String, MimeMessage> sent;

	@BeforeAll
	void anEditionWentOut(@Autowired Cli cli) {
		this.sent = SentEdition.send(cli, DATA.resolve("input"), TestMail.server()::getReceivedMessages).byRecipient();
	}

	@Test
	void postmarkCallsWithoutTheirLoginAreRefusedAndAuthenticOnesSuppressOnce() throws Exception {
		String bounce = payload("postmark-bounce.json", "ana.kovac@example.com");

		assertThat(post("postmark", bounce, null).statusCode()).isEqualTo(401);
		assertThat(post("postmark", bounce, Site.basic("postmark", "wrong")).statusCode()).isEqualTo(401);
		assertThat(post("other", bounce, Site.basic("postmark", "pm-secret")).statusCode()).isEqualTo(401);
		assertThat(status("ana.kovac@example.com")).isEqualTo("ACTIVE");
		assertThat(ledger("ana.kovac@example.com")).isEqualTo(DeliveryStatus.SENT);

		HttpResponse<String> taken = post("postmark", bounce, Site.basic("postmark", "pm-secret"));

		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
		assertThat(taken.body()).contains("\"changed\":1").contains("hard bounce").contains("subscriber suppressed");
		assertThat(status("ana.kovac@example.com")).isEqualTo("SUPPRESSED");
		assertThat(ledger("ana.kovac@example.com")).isEqualTo(DeliveryStatus.BOUNCED);
		assertThat(post("postmark", bounce, Site.basic("postmark", "pm-secret")).body()).contains("\"changed\":0");

		HttpResponse<String> complaint = post("postmark",
				payload("postmark-spam-complaint.json", "ben.adeyemi@example.org"),
				Site.basic("postmark", "pm-secret"));
		assertThat(complaint.body()).contains("complaint").contains("(by Message-ID)");
		assertThat(status("ben.adeyemi@example.org")).isEqualTo("SUPPRESSED");
	}

	@Test
	void sendgridEventsCountASoftBounceAndSuppressAComplainer() throws Exception {
		String events = payload("sendgrid-events.json", "chloe.martin@example.com")
			.replace("{{OTHER_RECIPIENT}}", "dev.sharma@example.org")
			.replace("{{OTHER_MESSAGE_ID}}", this.sent.get("dev.sharma@example.org").getMessageID());

		assertThat(post("sendgrid", events, Site.basic("postmark", "pm-secret")).statusCode()).isEqualTo(401);
		assertThat(status("dev.sharma@example.org")).isEqualTo("ACTIVE");

		HttpResponse<String> taken = post("sendgrid", events, Site.basic("sendgrid", "sg-secret"));

		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
		assertThat(taken.body()).contains("\"events\":3")
			.contains("soft bounce 4.2.2")
			.contains("soft bounce 1 of 3 within 30 days\"")
			.contains("complaint");
		assertThat(status("dev.sharma@example.org")).isEqualTo("SUPPRESSED");
	}

	@Test
	void mailgunCallsNeedTheSigningKeysSignatureOfAFreshTimestamp() throws Exception {
		String timestamp = String.valueOf(Instant.now().getEpochSecond());
		String failed = payload("mailgun-failed.json", "erin.cole@example.com").replace("{{MESSAGE_ID_BARE}}",
				"<nobody@else>");
		// Erin had no message: the bounce names the ledger's message by its Message-ID
		String forChloe = payload("mailgun-failed.json", "chloe.martin@example.com");

		assertThat(post("mailgun", sign(forChloe, timestamp, "not-the-key"), null).statusCode()).isEqualTo(401);
		String stale = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
		assertThat(post("mailgun", sign(forChloe, stale, MAILGUN_KEY), null).statusCode()).isEqualTo(401);
		assertThat(ledger("chloe.martin@example.com")).isEqualTo(DeliveryStatus.SENT);

		HttpResponse<String> taken = post("mailgun", sign(forChloe, timestamp, MAILGUN_KEY), null);

		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
		assertThat(taken.body()).contains("hard bounce 5.1.1").contains("(by Message-ID)");
		assertThat(ledger("chloe.martin@example.com")).isEqualTo(DeliveryStatus.BOUNCED);
		assertThat(post("mailgun", sign(failed, timestamp, MAILGUN_KEY), null).body())
			.contains("names no message of ours");
	}

	private String payload(String fixture, String email) throws Exception {
		try (InputStream in = WebhookTests.class.getResourceAsStream("/fixtures/webhooks/" + fixture)) {
			MimeMessage message = this.sent.get(email);
			String messageId = (message != null) ? message.getMessageID() : "<none@nowhere>";
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{RECIPIENT}}", email)
				.replace("{{MESSAGE_ID_BARE}}", messageId.replaceAll("[<>]", ""))
				.replace("{{MESSAGE_ID}}", messageId)
				.replace("{{SUBJECT}}", (message != null) ? message.getSubject().replace("\"", "'") : "");
		}
	}

	private static String sign(String payload, String timestamp, String key) throws Exception {
		String token = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
		return payload.replace("{{TIMESTAMP}}", timestamp).replace("{{SIGNATURE}}", signature);
	}

	private HttpResponse<String> post(String provider, String body, String authorization) throws Exception {
		return this.site.call("POST", "/api/webhooks/" + provider, body, "Authorization", authorization);
	}

	private String status(String email) {
		return this.site.reader(email).status().name();
	}

	private DeliveryStatus ledger(String email) throws Exception {
		return this.entries.entryByMessageId(this.sent.get(email).getMessageID()).orElseThrow().status();
	}

}
