package news.dispatch.feedback;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.SentEdition;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.LedgerEntries;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounce mailbox: {@code dispatch serve} reads it over IMAP or POP3, takes in what it
 * finds as {@code bounces import} does, and moves (IMAP) or deletes (POP3) every message
 * it read, so each is read once. Against GreenMail's IMAP and POP3 servers.
 */
@FunctionalTest(smtp = FunctionalTest.Smtp.OWN,
		properties = { "dispatch.data-dir=target/test-data/bounce-mailbox", "dispatch.feedback.mailbox.host=127.0.0.1",
				"dispatch.feedback.mailbox.username=bounces", "dispatch.feedback.mailbox.password=secret",
				"dispatch.feedback.mailbox.interval=1s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BounceMailboxTests {

	static final Path DATA = Path.of("target/test-data/bounce-mailbox");

	// started before the context, which needs its ports
	static final GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));

	static final GreenMailUser bounces;

	static {
		mail.start();
		bounces = mail.setUser("bounces@dispatch.example.com", "bounces", "secret");
	}

	@AfterAll
	static void stopMail() {
		mail.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
		registry.add("dispatch.feedback.mailbox.port", () -> mail.getImap().getPort());
		SentEdition.properties(registry);
	}

	@Autowired
	Cli cli;

	@Autowired
	BounceMailbox mailbox;

	@Autowired
	MailboxPolling polling;

	@Autowired
	MailboxSettings settings;

	@Autowired
	Subscribers subscribers;

	@Autowired
	LedgerEntries entries;

	@Autowired
	FeedbackReports reports;

	Map<String, ReturnedMail> sent;

	@BeforeAll
	void anEditionWentOut() {
		this.sent = new HashMap<>();
		SentEdition.send(this.cli, DATA.resolve("input"), mail::getReceivedMessages)
			.byRecipient()
			.forEach((recipient, message) -> this.sent.put(recipient, ReturnedMail.of(message)));
	}

	@Test
	void overImapEveryMessageReadIsTakenInAndMovedToAnotherFolder() throws Exception {
		deliver(this.sent.get("ana.kovac@example.com"), "01-postfix-dsn-hard.eml");
		deliver(this.sent.get("ana.kovac@example.com"), "05-out-of-office.eml");
		deliver(this.sent.get("ana.kovac@example.com"), "08-not-ours.eml");

		List<ReportFiles.FileOutcome> read = this.mailbox.read(this.settings);

		assertThat(read).hasSize(3);
		assertThat(read.get(0).outcome().line()).contains("hard bounce 5.1.1").contains("message BOUNCED");
		assertThat(read.get(1).outcome().line()).contains("auto-reply").contains("nothing changed");
		assertThat(read.get(2).outcome().line()).contains("names no message of ours");
		assertThat(status("ana.kovac@example.com")).isEqualTo(DeliveryStatus.BOUNCED);
		assertThat(count("imap", mail.getImap().getPort(), "INBOX")).isZero();
		assertThat(count("imap", mail.getImap().getPort(), "Dispatch-Read")).isEqualTo(3);
		assertThat(this.mailbox.read(this.settings)).isEmpty();
	}

	@Test
	void overPop3EveryMessageReadIsTakenInAndDeleted() throws Exception {
		deliver(this.sent.get("dev.sharma@example.org"), "04-arf-complaint.eml");
		MailboxSettings pop3 = new MailboxSettings("127.0.0.1", "pop3", mail.getPop3().getPort(), false, "bounces",
				"secret", "INBOX", this.settings.interval(), "delete", "");

		List<ReportFiles.FileOutcome> read = this.mailbox.read(pop3);

		assertThat(read).singleElement()
			.satisfies((outcome) -> assertThat(outcome.outcome().line()).contains("complaint abuse")
				.contains("subscriber suppressed"));
		assertThat(this.subscribers.findByEmail("dev.sharma@example.org").orElseThrow().status())
			.isEqualTo(SubscriberStatus.SUPPRESSED);
		assertThat(count("pop3", mail.getPop3().getPort(), "INBOX")).isZero();
	}

	@Test
	void serveReadsTheMailboxEveryIntervalUntilStopped() throws Exception {
		assertThat(this.polling.start()).get().asString().contains("imap://127.0.0.1:").contains("every 1 s");
		try {
			deliver(this.sent.get("chloe.martin@example.com"), "03-outlook-style-soft.eml");
			long until = System.nanoTime() + 20_000_000_000L;
			while (count("imap", mail.getImap().getPort(), "INBOX") > 0 && System.nanoTime() < until) {
				Thread.sleep(200);
			}
			long chloe = this.subscribers.findByEmail("chloe.martin@example.com").orElseThrow().id();
			assertThat(count("imap", mail.getImap().getPort(), "INBOX")).isZero();
			assertThat(this.reports.of(chloe)).singleElement()
				.satisfies((report) -> assertThat(report.kind()).isEqualTo(ReportKind.SOFT_BOUNCE))
				.satisfies((report) -> assertThat(report.source()).startsWith("mailbox imap://127.0.0.1:"));
		}
		finally {
			this.polling.stop();
		}
	}

	private DeliveryStatus status(String email) {
		return this.entries.entryByMessageId(this.sent.get(email).messageId()).orElseThrow().status();
	}

	private static void deliver(ReturnedMail about, String fixture) throws Exception {
		Path file = about.write(fixture, DATA.resolve("reports"));
		bounces.deliver(new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(Files.readAllBytes(file))));
	}

	private static int count(String protocol, int port, String name) throws Exception {
		try (Store store = Session.getInstance(new Properties()).getStore(protocol)) {
			store.connect("127.0.0.1", port, "bounces", "secret");
			Folder folder = store.getFolder(name);
			if (!folder.exists()) {
				return 0;
			}
			folder.open(Folder.READ_ONLY);
			try {
				return folder.getMessageCount();
			}
			finally {
				folder.close(false);
			}
		}
	}

}
