package news.dispatch.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP server of the default setup: GreenMail on a free loopback port. Dispatch sends
 * to it over real SMTP, and each message it receives is written to the outbox as
 * {@code .eml}, with its HTML part beside it as {@code .html} to open in a browser.
 */
class EmbeddedSmtp implements AutoCloseable {

	private final GreenMail greenMail;

	private final Path outbox;

	EmbeddedSmtp(Path outbox) {
		this.outbox = outbox;
		this.greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		this.greenMail.start();
	}

	int port() {
		return this.greenMail.getSmtp().getPort();
	}

	/**
	 * Writes what arrived since the last call to the outbox and forgets it.
	 */
	synchronized int flush() {
		MimeMessage[] received = this.greenMail.getReceivedMessages();
		try {
			Files.createDirectories(this.outbox);
			for (MimeMessage message : received) {
				String name = fileName(message);
				try (OutputStream out = Files.newOutputStream(this.outbox.resolve(name + ".eml"))) {
					message.writeTo(out);
				}
				String html = html(message);
				if (html != null) {
					Files.writeString(this.outbox.resolve(name + ".html"), html);
				}
			}
			this.greenMail.purgeEmailFromAllMailboxes();
		}
		catch (IOException | MessagingException | com.icegreen.greenmail.store.FolderException ex) {
			throw new IllegalStateException("Cannot write the captured mail to " + this.outbox + " (" + ex.getMessage()
					+ "); check that the data directory is writable.", ex);
		}
		return received.length;
	}

	Path outbox() {
		return this.outbox;
	}

	@Override
	public void close() {
		flush();
		this.greenMail.stop();
	}

	private static String fileName(MimeMessage message) throws MessagingException {
		String id = message.getMessageID();
		if (id == null) {
			return "message-" + System.nanoTime();
		}
		String local = id.replaceAll("[<>]", "");
		int at = local.indexOf('@');
		return ((at > 0) ? local.substring(0, at) : local).replaceAll("[^A-Za-z0-9._-]", "_");
	}

	private static @Nullable String html(MimeMessage message) throws MessagingException, IOException {
		Object content = message.getContent();
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.isMimeType("text/html")) {
					return (String) part.getContent();
				}
			}
		}
		return message.isMimeType("text/html") ? (String) content : null;
	}

}
