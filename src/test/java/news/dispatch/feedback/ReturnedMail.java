package news.dispatch.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The hand-made reports of {@code fixtures/bounces/}, filled in for one message a test
 * sent: its return path, Message-ID, recipient and subject.
 */
record ReturnedMail(String returnPath, String messageId, String recipient, String subject) {

	static ReturnedMail of(MimeMessage sent) {
		try {
			String returnPath = sent.getHeader("Return-Path")[0].replaceAll("[<>]", "").strip();
			return new ReturnedMail(returnPath, sent.getMessageID(),
					((InternetAddress) sent.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
					sent.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The return path with a token this server did not sign.
	 */
	String forgedReturnPath() {
		Matcher token = Pattern.compile("-([0-9a-f]{16})@").matcher(this.returnPath);
		if (!token.find()) {
			throw new IllegalStateException("not a return path with a token: " + this.returnPath);
		}
		return this.returnPath.replace(token.group(1), "0123456789abcdef");
	}

	/**
	 * Writes the fixture into the folder, filled in for this message.
	 */
	Path write(String fixture, Path folder) {
		try (InputStream in = ReturnedMail.class.getResourceAsStream("/fixtures/bounces/" + fixture)) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replace("{{RETURN_PATH}}", this.returnPath)
				.replace("{{FORGED_RETURN_PATH}}", forgedReturnPath())
				.replace("{{MESSAGE_ID}}", this.messageId)
				.replace("{{RECIPIENT}}", this.recipient)
				.replace("{{SUBJECT}}", this.subject);
			Files.createDirectories(folder);
			Path file = folder.resolve(fixture);
			// mail on disk has CRLF line ends
			Files.writeString(file, text.replace("\r\n", "\n").replace("\n", "\r\n"));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
