package news.dispatch.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MIME that goes out: headers article text cannot break, encodings mail clients read,
 * and the ledger's Message-ID kept through {@code saveChanges()}.
 */
class MessageFactoryTests {

	static final Session SESSION = Session.getInstance(new Properties());

	static final Delivery DELIVERY = new Delivery(7, LedgerKey.edition(java.time.LocalDate.of(2030, 1, 7)), 42,
			"<digest.2030-01-07.42@news.example.com>", 0);

	final MessageFactory factory = new MessageFactory(
			new MailSettings("Newsroom <news@news.example.com>", "desk@news.example.com", "news.example.com",
					Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), MailSettings.StartTls.OFF));

	MessageFactoryTests() throws Exception {
	}

	@Test
	void lineBreaksInTheSubjectAndNameCannotAddHeaders() throws Exception {
		// given: a subject and a name carrying header injections
		ComposedMessage composed = new ComposedMessage("ana@example.com", "Ana\r\nBcc: thief@evil.example",
				"Kim meets Putin\r\nBcc: thief@evil.example\nX-Evil: 1", "text", "<p>html</p>",
				"https://news.example.com/u/1\r\nX-Evil: 2");

		// when
		String raw = raw(this.factory.create(SESSION, DELIVERY, composed));

		// then: no header starts where the text had a line break
		String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
		assertThat(headers.lines()).noneMatch((line) -> line.startsWith("Bcc:") || line.startsWith("X-Evil:"));
		MimeMessage parsed = parse(raw);
		assertThat(parsed.getSubject()).isEqualTo("Kim meets Putin Bcc: thief@evil.example X-Evil: 1");
		assertThat(parsed.getHeader("Bcc")).isNull();
		assertThat(((InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal())
			.isEqualTo("Ana Bcc: thief@evil.example");
	}

	@Test
	void aLongNonAsciiSubjectIsEncodedAndFoldedIntoShortLines() throws Exception {
		// given: a subject of 600 characters, most of them outside ASCII
		String subject = "Ünïcødé Россия 北朝鮮 — «Putin & Kim» ".repeat(15).strip();
		ComposedMessage composed = new ComposedMessage("ana@example.com", "Ana Kovač", subject, "text ü",
				"<p>html ü</p>", "https://news.example.com/u/1");

		// when
		String raw = raw(this.factory.create(SESSION, DELIVERY, composed));

		// then: every header line is 7-bit and within 78 characters, and it reads back
		String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
		assertThat(headers.lines()).allMatch((line) -> line.length() <= 78, "every header line is short")
			.allMatch((line) -> line.chars().allMatch((c) -> c < 128), "every header line is ASCII");
		MimeMessage parsed = parse(raw);
		assertThat(parsed.getSubject()).isEqualTo(subject);
		assertThat(((InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal())
			.isEqualTo("Ana Kovač");
	}

	@Test
	void theMessageCarriesTheLedgersIdAndTheHeadersProvidersAskFor() throws Exception {
		// given
		ComposedMessage composed = new ComposedMessage("ana@example.com", "", "Today", "text ü", "<p>html ü</p>",
				"https://news.example.com/u/1");

		// when
		MimeMessage parsed = parse(raw(this.factory.create(SESSION, DELIVERY, composed)));

		// then
		assertThat(parsed.getMessageID()).isEqualTo("<digest.2030-01-07.42@news.example.com>");
		assertThat(parsed.getHeader("Date")).isNotNull();
		assertThat(parsed.getHeader("List-Unsubscribe", null)).isEqualTo("<https://news.example.com/u/1>");
		assertThat(parsed.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(Arrays.toString(parsed.getReplyTo())).contains("desk@news.example.com");
		assertThat(parsed.isMimeType("multipart/alternative")).isTrue();
		Multipart parts = (Multipart) parsed.getContent();
		assertThat(parts.getBodyPart(0).getContentType()).contains("text/plain").containsIgnoringCase("utf-8");
		assertThat(parts.getBodyPart(1).getContentType()).contains("text/html").containsIgnoringCase("utf-8");
		assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>html ü</p>");
	}

	@Test
	void textGoesAsItIsIn7bitOr8bitAndQuotedPrintableToAServerWithout8bitmime() throws Exception {
		// given: an ASCII text part and a UTF-8 HTML part
		ComposedMessage composed = new ComposedMessage("ana@example.com", "", "Today", "plain text",
				"<p>Zoë in Kraków</p>", "https://news.example.com/u/1");
		MimeMessage message = this.factory.create(SESSION, DELIVERY, composed);

		// when: as built, then made fit for a server that does not announce 8BITMIME
		String eightBit = raw(message);
		MessageFactory.toSevenBit(message);
		String sevenBit = raw(message);

		// then: the parts go 7bit and 8bit as they are; for the older server the 8-bit
		// part
		// is quoted-printable, every line ASCII, and both read back the same
		assertThat(eightBit).contains("Content-Transfer-Encoding: 7bit\r\n\r\nplain text")
			.contains("Content-Transfer-Encoding: 8bit");
		assertThat(parts(eightBit).getBodyPart(1).getContent()).isEqualTo("<p>Zoë in Kraków</p>");
		assertThat(sevenBit).doesNotContain("8bit").contains("Content-Transfer-Encoding: quoted-printable");
		assertThat(sevenBit.chars()).allMatch((c) -> c < 128);
		assertThat(parts(sevenBit).getBodyPart(0).getContent()).isEqualTo("plain text");
		assertThat(parts(sevenBit).getBodyPart(1).getContent()).isEqualTo("<p>Zoë in Kraków</p>");
		assertThat(parse(sevenBit).getMessageID()).isEqualTo("<digest.2030-01-07.42@news.example.com>");
	}

	@Test
	void aLineLongerThanSmtpAllowsGoesQuotedPrintable() throws Exception {
		// given: an HTML part with a line of 2,000 characters
		String html = "<p>" + "Россия ".repeat(300) + "</p>";
		ComposedMessage composed = new ComposedMessage("ana@example.com", "", "Today", "text", html,
				"https://news.example.com/u/1");

		// when
		String raw = raw(this.factory.create(SESSION, DELIVERY, composed));

		// then: no line is longer than 998 octets, and the part reads back whole
		assertThat(raw.split("\r\n")).allMatch((line) -> line.length() <= 998);
		assertThat(raw).contains("Content-Transfer-Encoding: quoted-printable");
		assertThat(parts(raw).getBodyPart(1).getContent()).isEqualTo(html);
	}

	static Multipart parts(String raw) throws Exception {
		return (Multipart) parse(raw).getContent();
	}

	static String raw(MimeMessage message) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toString(StandardCharsets.ISO_8859_1);
	}

	static MimeMessage parse(String raw) throws Exception {
		return new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
	}

}
