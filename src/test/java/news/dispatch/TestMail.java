package news.dispatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The GreenMail server that {@link FunctionalTest}s send to (one for the JVM, emptied
 * before each test class), and what tests read from the messages it received.
 */
public final class TestMail {

	private static GreenMail server;

	private TestMail() {
	}

	/**
	 * The shared server, started on first use on a free loopback port.
	 */
	public static synchronized GreenMail server() {
		if (server == null) {
			server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-mail-stop"));
		}
		return server;
	}

	/**
	 * Forgets every message received so far.
	 */
	public static void purge() {
		try {
			server().purgeEmailFromAllMailboxes();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every message received so far, oldest first.
	 */
	public static List<MimeMessage> received() {
		return Arrays.asList(server().getReceivedMessages());
	}

	/**
	 * The messages received for this address so far.
	 */
	public static List<MimeMessage> received(String address) {
		return received().stream().filter((message) -> recipient(message).equals(address)).toList();
	}

	/**
	 * The messages for this address, waiting up to 15 seconds for at least so many.
	 */
	public static List<MimeMessage> awaitReceived(String address, int atLeast) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 15_000;
		List<MimeMessage> mine = received(address);
		while (mine.size() < atLeast && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			mine = received(address);
		}
		return mine;
	}

	/**
	 * The recipients of every message received so far, in order.
	 */
	public static List<String> recipients() {
		return received().stream().map(TestMail::recipient).toList();
	}

	public static String recipient(MimeMessage message) {
		try {
			return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The text of the message's part of this type (text/plain, text/html).
	 */
	public static String part(MimeMessage message, String type) throws MessagingException, IOException {
		Multipart multipart = (Multipart) message.getContent();
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (part.isMimeType(type)) {
				return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no " + type + " part in " + message.getSubject());
	}

	/**
	 * The content type of the message's part of this type, with its parameters.
	 */
	public static String contentType(MimeMessage message, String type) throws MessagingException, IOException {
		Multipart multipart = (Multipart) message.getContent();
		for (int i = 0; i < multipart.getCount(); i++) {
			if (multipart.getBodyPart(i).isMimeType(type)) {
				return multipart.getBodyPart(i).getContentType();
			}
		}
		throw new AssertionError("no " + type + " part in " + message.getSubject());
	}

	/**
	 * The content types of the message's parts, in order, without their parameters.
	 */
	public static List<String> partTypes(MimeMessage message) throws MessagingException, IOException {
		Multipart multipart = (Multipart) message.getContent();
		List<String> types = new ArrayList<>();
		for (int i = 0; i < multipart.getCount(); i++) {
			types.add(multipart.getBodyPart(i).getContentType().replaceAll(";.*", "").strip());
		}
		return types;
	}

}
