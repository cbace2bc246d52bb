package news.dispatch.feedback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

/**
 * Reads the bounce mailbox once over IMAP or POP3: every message is taken in as a report
 * file would be, then moved to another folder or deleted, so it is read once. A message
 * larger than {@code dispatch.feedback.max-report-size} is not downloaded.
 */
@Component
class BounceMailbox {

	private final ReportFiles files;

	private final FeedbackSettings settings;

	BounceMailbox(ReportFiles files, FeedbackSettings settings) {
		this.files = files;
		this.settings = settings;
	}

	/**
	 * Reads what is in the mailbox now.
	 * @return what became of each message, named by its number and Message-ID
	 * @throws MessagingException when the server cannot be reached or refuses the login
	 */
	List<ReportFiles.FileOutcome> read(MailboxSettings mailbox) throws MessagingException {
		String protocol = mailbox.protocol() + (mailbox.tls() ? "s" : "");
		Properties properties = new Properties();
		properties.put("mail." + protocol + ".connectiontimeout", "10000");
		properties.put("mail." + protocol + ".timeout", "30000");
		Session session = Session.getInstance(properties);
		List<ReportFiles.FileOutcome> outcomes = new ArrayList<>();
		try (Store store = session.getStore(protocol)) {
			store.connect(mailbox.host(), (mailbox.port() > 0) ? mailbox.port() : -1, mailbox.username(),
					mailbox.password());
			Folder folder = store.getFolder(mailbox.folder());
			folder.open(Folder.READ_WRITE);
			try {
				Message[] messages = folder.getMessages();
				List<Message> read = new ArrayList<>();
				for (Message message : messages) {
					outcomes.add(take(message, mailbox));
					read.add(message);
				}
				if (!read.isEmpty() && mailbox.afterReading().equals("move")) {
					Folder target = store.getFolder(mailbox.moveTo());
					if (!target.exists()) {
						target.create(Folder.HOLDS_MESSAGES);
					}
					folder.copyMessages(read.toArray(Message[]::new), target);
				}
				for (Message message : read) {
					message.setFlag(Flags.Flag.DELETED, true);
				}
			}
			finally {
				folder.close(true);
			}
		}
		return outcomes;
	}

	private ReportFiles.FileOutcome take(Message message, MailboxSettings mailbox) throws MessagingException {
		Path name = Path.of("message-" + message.getMessageNumber());
		int size = message.getSize();
		if (size > this.settings.maxReportSize().toBytes()) {
			return new ReportFiles.FileOutcome(name, false,
					new Feedback.Outcome(ReportKind.UNKNOWN, false, false,
							"it is " + (size / 1024 / 1024) + " MB, more than dispatch.feedback.max-report-size ("
									+ this.settings.maxReportSize().toMegabytes() + " MB) allows; nothing changed"));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(size, 1024));
		try {
			message.writeTo(bytes);
		}
		catch (IOException ex) {
			throw new MessagingException("Cannot download message " + message.getMessageNumber(), ex);
		}
		return this.files.take(name, bytes.toByteArray(), "mailbox " + mailbox.describe());
	}

}
