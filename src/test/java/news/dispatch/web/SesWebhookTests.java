package news.dispatch.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.SentEdition;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.LedgerEntries;
import news.dispatch.subscriber.SubscriberStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SES webhook takes only messages Amazon SNS signed: the topic configured, the
 * certificate from an allowed https host (nothing else is ever fetched), the signature
 * verifying over the signed fields. The certificate here is made for the test run and
 * served in place of SNS's; everything else is the real path over HTTP.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/ses-webhook", "dispatch.sending.bounces-to-suppress=1",
				"dispatch.webhooks.ses-topic-arns=" + SesWebhookTests.TOPIC })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SesWebhookTests {

	static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:dispatch-bounces";

	static final String CERTIFICATE = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem";

	static final Path DATA = Path.of("target/test-data/ses-webhook");

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SentEdition.properties(registry);
	}

	/**
	 * SNS's certificate host, for this test: serves the test's certificate and records
	 * every address it is asked for.
	 */
	static final class FakeSnsHost extends SnsCertificates {

		final List<URI> asked = new ArrayList<>();

		X509Certificate certificate;

		@Override
		synchronized X509Certificate certificate(URI url) {
			this.asked.add(url);
			return this.certificate;
		}

		@Override
		synchronized void confirm(URI url) {
			this.asked.add(url);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SnsHost {

		@Bean
		@Primary
		FakeSnsHost fakeSnsHost() {
			return new FakeSnsHost();
		}

	}

	@Autowired
	Site site;

	@Autowired
	LedgerEntries entries;

	@Autowired
	FakeSnsHost sns;

	PrivateKey key;

	Map<String, String> messageIds = new LinkedHashMap<>();

	@BeforeAll
	void anEditionWentOutAndSnsHasAKey(@Autowired Cli cli) throws Exception {
		SentEdition.send(cli, DATA.resolve("input"), TestMail.server()::getReceivedMessages)
			.byRecipient()
			.forEach((recipient, message) -> this.messageIds.put(recipient, messageId(message)));
		Path store = Files.createDirectories(DATA).resolve("sns.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=sns.amazonaws.com", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
				"-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		keytool.getInputStream().readAllBytes();
		assertThat(keytool.waitFor()).isZero();
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, "changeit".toCharArray());
		}
		this.key = (PrivateKey) keys.getKey("sns", "changeit".toCharArray());
		this.sns.certificate = (X509Certificate) keys.getCertificate("sns");
	}

	@Test
	void aSignedBounceNotificationIsTakenInAndATamperedOneRefused() throws Exception {
		String email = "ana.kovac@example.com";
		Map<String, String> bounce = notification(bounceEvent(email), "1", CERTIFICATE);

		Map<String, String> tampered = new LinkedHashMap<>(bounce);
		tampered.put("Message", bounceEvent("ben.adeyemi@example.org"));
		assertThat(post(tampered).statusCode()).isEqualTo(401);
		assertThat(this.site.reader("ben.adeyemi@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);

		HttpResponse<String> taken = post(bounce);

		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
		assertThat(taken.body()).contains("hard bounce 5.1.1").contains("(by Message-ID)");
		assertThat(ledger(email)).isEqualTo(DeliveryStatus.BOUNCED);
		assertThat(post(bounce).body()).contains("\"changed\":0");
	}

	@Test
	void aSignedComplaintWithSignatureVersion2SuppressesTheReader() throws Exception {
		String complaint = """
				{"notificationType":"Complaint","complaint":{"feedbackId":"0102017f-complaint-1",
				"complaintSubType":null,"complainedRecipients":[{"emailAddress":"dev.sharma@example.org"}],
				"timestamp":"2026-12-03T08:40:00.000Z","userAgent":"Yahoo!-Mail-Feedback/2.0",
				"complaintFeedbackType":"abuse","arrivalDate":"2026-12-03T08:02:09.000Z"},
				"mail":{"timestamp":"2026-12-03T08:02:08.000Z","source":"digest@dispatch.example.com",
				"messageId":"0102017f-ses-2","destination":["dev.sharma@example.org"],
				"headersTruncated":false,"headers":[{"name":"Message-ID","value":"%s"}],
				"commonHeaders":{"from":["Dispatch <digest@dispatch.example.com>"],"to":["dev.sharma@example.org"],
				"messageId":"%s","subject":"Your Dispatch"}}}
				""".formatted(this.messageIds.get("dev.sharma@example.org"),
				this.messageIds.get("dev.sharma@example.org"));

		HttpResponse<String> taken = post(notification(complaint, "2", CERTIFICATE));

		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
		assertThat(this.site.reader("dev.sharma@example.org").status()).isEqualTo(SubscriberStatus.SUPPRESSED);
	}

	@Test
	void aCertificateOrConfirmationOffTheAllowedHostsIsNeverFetched() throws Exception {
		Map<String, String> elsewhere = notification(bounceEvent("chloe.martin@example.com"), "1",
				"https://sns.attacker.example/cert.pem");
		Map<String, String> plainHttp = notification(bounceEvent("chloe.martin@example.com"), "1",
				CERTIFICATE.replace("https:", "http:"));
		Map<String, String> otherTopic = notification(bounceEvent("chloe.martin@example.com"), "1", CERTIFICATE);
		otherTopic.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:someone-else");
		otherTopic.put("Signature", sign(otherTopic, "1"));

		assertThat(post(elsewhere).statusCode()).isEqualTo(401);
		assertThat(post(plainHttp).statusCode()).isEqualTo(401);
		assertThat(post(otherTopic).statusCode()).isEqualTo(401);
		assertThat(ledger("chloe.martin@example.com")).isEqualTo(DeliveryStatus.SENT);
		assertThat(this.sns.asked).allMatch((url) -> url.getHost().equals("sns.eu-west-1.amazonaws.com"));

		Map<String, String> confirmation = new LinkedHashMap<>();
		confirmation.put("Type", "SubscriptionConfirmation");
		confirmation.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
		confirmation.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3");
		confirmation.put("TopicArn", TOPIC);
		confirmation.put("Message", "You have chosen to subscribe to the topic " + TOPIC
				+ ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
		confirmation.put("SubscribeURL", "https://sns.attacker.example/?Action=ConfirmSubscription");
		confirmation.put("Timestamp", "2026-12-03T08:00:00.000Z");
		confirmation.put("SignatureVersion", "1");
		confirmation.put("SigningCertURL", CERTIFICATE);
		confirmation.put("Signature", sign(confirmation, "1"));
		assertThat(post(confirmation).statusCode()).isEqualTo(400);
		assertThat(this.sns.asked).noneMatch((url) -> url.getHost().contains("attacker"));

		String confirm = "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC
				+ "&Token=2336412f";
		confirmation.put("SubscribeURL", confirm);
		confirmation.put("Signature", sign(confirmation, "1"));
		HttpResponse<String> confirmed = post(confirmation);
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		assertThat(this.sns.asked).contains(URI.create(confirm));
	}

	private String bounceEvent(String email) {
		return """
				{"notificationType":"Bounce","bounce":{"feedbackId":"0102017f-bounce-%s","bounceType":"Permanent",
				"bounceSubType":"General","bouncedRecipients":[{"emailAddress":"%s","action":"failed",
				"status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
				"timestamp":"2026-12-03T08:05:00.000Z","remoteMtaIp":"203.0.113.25","reportingMTA":"dsn; a1-2.smtp-out.eu-west-1.amazonses.com"},
				"mail":{"timestamp":"2026-12-03T08:02:08.000Z","source":"digest@dispatch.example.com",
				"messageId":"0102017f-ses-1","destination":["%s"],"commonHeaders":{"messageId":"%s"}}}
				"""
			.formatted(email.hashCode(), email, email, this.messageIds.get(email));
	}

	private Map<String, String> notification(String message, String version, String certificate) throws Exception {
		Map<String, String> notification = new LinkedHashMap<>();
		notification.put("Type", "Notification");
		notification.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
		notification.put("TopicArn", TOPIC);
		notification.put("Message", message);
		notification.put("Timestamp", "2026-12-03T08:05:01.000Z");
		notification.put("SignatureVersion", version);
		notification.put("SigningCertURL", certificate);
		notification.put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe");
		notification.put("Signature", sign(notification, version));
		return notification;
	}

	private String sign(Map<String, String> message, String version) throws Exception {
		List<String> fields = message.get("Type").equals("Notification")
				? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
				: List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
		StringBuilder text = new StringBuilder();
		for (String field : fields) {
			if (message.containsKey(field)) {
				text.append(field).append('\n').append(message.get(field)).append('\n');
			}
		}
		Signature signer = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
		signer.initSign(this.key);
		signer.update(text.toString().getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(signer.sign());
	}

	private HttpResponse<String> post(Map<String, String> message) throws Exception {
		return this.site.call("POST", "/api/webhooks/ses", JSON.writeValueAsString(message), "Content-Type",
				"text/plain; charset=UTF-8", "x-amz-sns-message-type", message.get("Type"));
	}

	private DeliveryStatus ledger(String email) {
		return this.entries.entryByMessageId(this.messageIds.get(email)).orElseThrow().status();
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
