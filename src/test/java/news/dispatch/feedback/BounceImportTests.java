package news.dispatch.feedback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.SentEdition;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.LedgerEntry;
import news.dispatch.delivery.MessageReferences;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounces and complaints that come back after a digest went out: each message carries a
 * signed return path of its own, and {@code dispatch bounces import} ties the reports
 * saved as files to their messages, suppresses exactly the readers they name, and changes
 * nothing for reports that are not ours, forged, broken or taken in before.
 */
@FunctionalTest(smtp = FunctionalTest.Smtp.OWN,
		properties = { "dispatch.data-dir=target/test-data/bounces", "dispatch.sending.bounces-to-suppress=1",
				"dispatch.feedback.soft-bounces-to-suppress=2", "dispatch.feedback.max-report-size=1MB" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("postgres")
class BounceImportTests {

	static final Path DATA = Path.of("target/test-data/bounces");

	static final LocalDate EDITION = SentEdition.DATE;

	/**
	 * A server of its own: the test counts what arrives after its set-up, which mail from
	 * other tests' applications in the JVM must not blur.
	 */
	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		smtp.start();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		SentEdition.properties(registry);
	}

	@Autowired
	Cli cli;

	@Autowired
	Subscribers subscribers;

	@Autowired
	LedgerEntries entries;

	@Autowired
	MessageReferences references;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	Map<String, ReturnedMail> sent;

	List<MimeMessage> edition;

	String run;

	@BeforeAll
	void anEditionWentOut() {
		SentEdition sent = SentEdition.send(this.cli, DATA.resolve("input"), smtp::getReceivedMessages);
		this.run = sent.run();
		this.edition = sent.messages();
		this.sent = this.edition.stream()
			.map(ReturnedMail::of)
			.collect(Collectors.toMap(ReturnedMail::recipient, Function.identity()));
		assertThat(this.sent).containsOnlyKeys("ana.kovac@example.com", "ben.adeyemi@example.org",
				"chloe.martin@example.com", "dev.sharma@example.org");
	}

	@Test
	void everyMessageGoesOutWithItsOwnSignedReturnPathAndAFeedbackId() throws Exception {
		Set<String> returnPaths = new HashSet<>();
		for (MimeMessage message : this.edition) {
			// GreenMail writes the SMTP envelope sender (MAIL FROM) as Return-Path
			String returnPath = ReturnedMail.of(message).returnPath();
			assertThat(returnPath).matches("bounces\\+\\d+-[0-9a-f]{16}@dispatch\\.example\\.com");
			assertThat(returnPath.substring(0, returnPath.indexOf('@')).length()).isLessThanOrEqualTo(64);
			MessageReferences.ReturnPath read = this.references.readReturnPath(returnPath);
			assertThat(read.check()).isEqualTo(MessageReferences.Check.VALID);
			assertThat(this.entries.entry(read.deliveryId())).get()
				.extracting(LedgerEntry::messageId)
				.isEqualTo(message.getMessageID());
			assertThat(message.getHeader("Feedback-ID")[0]).isEqualTo(EDITION + ":digest:dispatch");
			returnPaths.add(returnPath);
		}
		assertThat(returnPaths).hasSize(4);
		assertThat(this.references.readReturnPath(this.sent.get("ana.kovac@example.com").forgedReturnPath()).check())
			.isEqualTo(MessageReferences.Check.FORGED);
		assertThat(this.references.readReturnPath("digest@dispatch.example.com").check())
			.isEqualTo(MessageReferences.Check.OTHER);
	}

	@Test
	void importedReportsSuppressExactlyTheReadersTheyNameAndAreTakenInOnce() throws Exception {
		// given: reports about the edition, saved as files
		Path reports = DATA.resolve("reports");
		this.sent.get("ana.kovac@example.com").write("01-postfix-dsn-hard.eml", reports);
		this.sent.get("ben.adeyemi@example.org").write("02-gmail-style-hard.eml", reports);
		this.sent.get("chloe.martin@example.com").write("03-outlook-style-soft.eml", reports);
		this.sent.get("dev.sharma@example.org").write("04-arf-complaint.eml", reports);
		this.sent.get("ana.kovac@example.com").write("05-out-of-office.eml", reports);
		this.sent.get("chloe.martin@example.com").write("06-forged-dsn.eml", reports);
		this.sent.get("chloe.martin@example.com").write("07-broken-mime.eml", reports);
		this.sent.get("chloe.martin@example.com").write("08-not-ours.eml", reports);

		// when: they are imported
		Cli.Result result = this.cli.run("bounces", "import", reports.toString());

		// then: one line a file; the files not ours are named and exit with 2
		assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
		assertThat(lines(result.out(), "01-postfix-dsn-hard.eml"))
			.contains("hard bounce 5.1.1 for " + this.sent.get("ana.kovac@example.com").messageId())
			.contains("(by return path)")
			.contains("message BOUNCED, hard bounce 1 of 1, subscriber suppressed");
		assertThat(lines(result.out(), "02-gmail-style-hard.eml")).contains("hard bounce 5.1.1")
			.contains("(by Message-ID)")
			.contains("subscriber suppressed");
		assertThat(lines(result.out(), "03-outlook-style-soft.eml")).contains("soft bounce 4.2.2")
			.contains("soft bounce 1 of 2 within 30 days")
			.doesNotContain("suppressed");
		assertThat(lines(result.out(), "04-arf-complaint.eml")).contains("complaint abuse")
			.contains("subscriber suppressed and unsubscribed from everything");
		assertThat(lines(result.out(), "05-out-of-office.eml")).contains("auto-reply")
			.contains("not a bounce; nothing changed");
		assertThat(lines(result.out(), "06-forged-dsn.eml")).contains("did not sign (forged or damaged)")
			.contains("nothing changed");
		assertThat(lines(result.out(), "07-broken-mime.eml")).contains("cannot be read as a MIME message")
			.contains("nothing changed");
		assertThat(lines(result.out(), "08-not-ours.eml")).contains("names no message of ours")
			.contains("nothing changed");
		assertThat(result.out()).contains("Read 8 file(s): 4 changed something, 3 not ours or unreadable.");
		assertThat(result.err()).contains("3 file(s) could not be read or tied to a message of ours");

		assertThat(status("ana.kovac@example.com")).isEqualTo("SUPPRESSED");
		assertThat(status("ben.adeyemi@example.org")).isEqualTo("SUPPRESSED");
		assertThat(status("chloe.martin@example.com")).isEqualTo("ACTIVE");
		Subscriber dev = this.subscribers.findByEmail("dev.sharma@example.org").orElseThrow();
		assertThat(dev.status()).isEqualTo(SubscriberStatus.SUPPRESSED);
		assertThat(dev.topics()).isEmpty();
		assertThat(dev.alerts()).isFalse();
		assertThat(ledgerStatus("ana.kovac@example.com")).isEqualTo(DeliveryStatus.BOUNCED);
		assertThat(ledgerStatus("ben.adeyemi@example.org")).isEqualTo(DeliveryStatus.BOUNCED);
		assertThat(ledgerStatus("chloe.martin@example.com")).isEqualTo(DeliveryStatus.SENT);
		assertThat(ledgerStatus("dev.sharma@example.org")).isEqualTo(DeliveryStatus.SENT);

		// when: the same reports are imported again
		Cli.Result again = this.cli.run("bounces", "import", reports.toString());

		// then: nothing changes
		assertThat(again.out()).contains("Read 8 file(s): 0 changed something, 3 not ours or unreadable.");
		assertThat(lines(again.out(), "03-outlook-style-soft.eml")).contains("already taken in");
		assertThat(status("chloe.martin@example.com")).isEqualTo("ACTIVE");

		// when: the next edition goes out with news for everyone
		Path inbox = Files.createDirectories(DATA.resolve("next"));
		Files.writeString(inbox.resolve("derby.txt"), "Russia, football and cricket share a crowded weekend\n\n"
				+ "Russia's football league resumes on Saturday while the cricket season ends with a final in Mumbai."
				+ " Organisers in Russia expect record crowds at the football grounds, and the cricket final is sold out.\n",
				StandardCharsets.UTF_8);
		assertThat(this.cli.run("ingest", "--quiet", "--from", inbox.toString()).exitCode()).isZero();
		int before = smtp.getReceivedMessages().length;
		Cli.Result next = this.cli.run("digest", "--date", EDITION.plusDays(1).toString());

		// then: it skips exactly the readers the reports named (Chloé is weekly, not due)
		assertThat(next.exitCode()).as(next.err()).isZero();
		List<String> recipients = Arrays.stream(smtp.getReceivedMessages())
			.skip(before)
			.map((message) -> ReturnedMail.of(message).recipient())
			.toList();
		assertThat(recipients).containsExactly("erin.cole@example.com");

		// and operators see it: the edition's late reports, each reader's history, the
		// suppression list and the counters
		Cli.Result run = this.cli.run("jobs", "show", this.run, "--json");
		assertThat(run.out().replaceAll("\\s+", " "))
			.contains("\"late\" : { \"hardBounces\" : 2, \"softBounces\" : 1, \"complaints\" : 1 }");
		Cli.Result anaShown = this.cli.run("subscribers", "show", "ana.kovac@example.com");
		assertThat(anaShown.out()).contains("ana.kovac@example.com (Ana Kovač): SUPPRESSED (1 hard bounce(s))")
			.contains("hard bounce  5.1.1 (file 01-postfix-dsn-hard.eml)")
			.containsPattern("bounced +digest " + EDITION)
			.contains("→ suppressed");
		Cli.Result devShown = this.cli.run("subscribers", "show", "dev.sharma@example.org", "--json");
		assertThat(devShown.out()).contains("\"status\" : \"SUPPRESSED\"")
			.contains("\"reason\" : \"complaint (abuse) about " + this.sent.get("dev.sharma@example.org").messageId())
			.contains("\"kind\" : \"COMPLAINT\"")
			.contains("\"sentAt\" : \"" + EDITION.getYear());
		Cli.Result suppressed = this.cli.run("subscribers", "list", "--status", "suppressed", "--json");
		assertThat(suppressed.out())
			.contains("ana.kovac@example.com", "ben.adeyemi@example.org", "dev.sharma@example.org")
			.doesNotContain("chloe.martin")
			.doesNotContain("erin.cole");
		assertThat(this.meters.get("dispatch.feedback.reports").tag("kind", "hard_bounce").functionCounter().count())
			.isEqualTo(2);
		assertThat(this.meters.get("dispatch.feedback.reports").tag("kind", "complaint").functionCounter().count())
			.isEqualTo(1);

		// when: an operator reactivates a mistaken suppression
		Cli.Result reactivate = this.cli.run("subscribers", "reactivate", "ben.adeyemi@example.org", "--reason",
				"the mailbox was restored");

		// then: Ben is active again, with the reason in his history; a second try is
		// refused
		assertThat(reactivate.exitCode()).as(reactivate.err()).isZero();
		assertThat(status("ben.adeyemi@example.org")).isEqualTo("ACTIVE");
		assertThat(this.cli.run("subscribers", "show", "ben.adeyemi@example.org").out())
			.containsPattern("→ active +reactivated by an operator: the mailbox was restored");
		Cli.Result again2 = this.cli.run("subscribers", "reactivate", "ben.adeyemi@example.org", "--reason", "x");
		assertThat(again2.exitCode()).isEqualTo(2);
		assertThat(again2.err()).contains("ben.adeyemi@example.org is ACTIVE, not suppressed");
		assertThat(this.cli.run("subscribers", "show", "nobody@example.com").err())
			.contains("No subscriber has the address nobody@example.com");
	}

	@Test
	void aHugeReportAMissingPathAndALoopOfAutoRepliesChangeNothing() throws Exception {
		Path folder = DATA.resolve("bad-input");
		Path huge = Files.createDirectories(folder).resolve("huge.eml");
		StringBuilder body = new StringBuilder(
				"From: MAILER-DAEMON@mx.example.com\r\nSubject: Undelivered Mail\r\n\r\n");
		String line = "550 5.1.1 user unknown ".repeat(3) + "\r\n";
		while (body.length() < 3 * 1024 * 1024) {
			body.append(line);
		}
		Files.writeString(huge, body);
		ReturnedMail ana = this.sent.get("ana.kovac@example.com");
		for (int i = 1; i <= 5; i++) {
			Path reply = ana.write("05-out-of-office.eml", folder);
			Files.move(reply, folder.resolve("ooo-" + i + ".eml"));
		}
		String before = status("ana.kovac@example.com");

		Cli.Result result = this.cli.run("bounces", "import", folder.toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(lines(result.out(), "huge.eml")).contains("3 MB, more than dispatch.feedback.max-report-size (1 MB)")
			.contains("nothing changed");
		for (int i = 1; i <= 5; i++) {
			assertThat(lines(result.out(), "ooo-" + i + ".eml")).contains("auto-reply").contains("nothing changed");
		}
		assertThat(status("ana.kovac@example.com")).isEqualTo(before);

		Cli.Result missing = this.cli.run("bounces", "import", DATA.resolve("no-such-folder").toString());
		assertThat(missing.exitCode()).isEqualTo(2);
		assertThat(missing.err()).contains("no-such-folder does not exist; give the path of a saved report");
	}

	private String status(String email) {
		return this.subscribers.findByEmail(email).orElseThrow().status().name();
	}

	private DeliveryStatus ledgerStatus(String email) {
		return this.entries.entryByMessageId(this.sent.get(email).messageId()).orElseThrow().status();
	}

	private static String lines(String out, String file) {
		return out.lines().filter((line) -> line.contains(file)).collect(Collectors.joining("\n"));
	}

}
