package news.dispatch.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer.Fault;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending against an SMTP server that misbehaves on request: each way a server can
 * refuse, drop or stall ends in the right ledger status, each message arrives once, and
 * what was refused for now can be sent again.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/delivery-faults",
		"dispatch.digest.lookback-days=100000", "dispatch.sending.retries=2", "dispatch.sending.backoff=50ms",
		"dispatch.sending.bounces-to-suppress=1", "dispatch.sending.connections=2", "dispatch.mail.read-timeout=1s",
		"dispatch.mail.connect-timeout=1s", "dispatch.digest.chunk-size=2" }, smtp = FunctionalTest.Smtp.OWN)
class DeliveryFaultTests {

	static final Path DATA = Path.of("target/test-data/delivery-faults");

	static final AtomicInteger EDITIONS = new AtomicInteger();

	@RegisterExtension
	static final FaultySmtpServer server = FaultySmtpServer.start();

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@Test
	void aRecipientRefusedForNowIsTriedAgainWithBackoffAndSentOnce() {
		// given: the server answers 451, then 450, then accepts
		LocalDate edition = scenario("tempfail", "ana@tempfail.example", "ben@tempfail.example");
		server.fail("ana@tempfail.example", new Fault.RcptReply("451 4.3.0 try again later"),
				new Fault.RcptReply("450 4.2.1 mailbox busy"));

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then: both sent, ana's on the third attempt, once each
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("2 sent, 0 to retry");
		assertThat(receivedBy("ana@tempfail.example")).isEqualTo(1);
		assertThat(receivedBy("ben@tempfail.example")).isEqualTo(1);
		assertThat(row("ana@tempfail.example", edition)).isEqualTo("SENT 3");
	}

	@Test
	void aRecipientStillRefusedAfterTheRetriesIsLeftRetryAndRetryFailedSendsIt() {
		// given: the server answers 452 three times (the first try and both retries)
		LocalDate edition = scenario("throttled", "ana@throttled.example", "ben@throttled.example");
		server.fail("ana@throttled.example", new Fault.RcptReply("452 4.2.2 over quota"),
				new Fault.RcptReply("452 4.2.2 over quota"), new Fault.RcptReply("452 4.2.2 over quota"));

		// when
		Cli.Result first = this.cli.run("digest", "--date", edition.toString());

		// then: the run completes with ana's digest left to retry, and says how to resend
		assertThat(first.exitCode()).as(first.err()).isZero();
		assertThat(first.out()).contains("1 sent, 1 to retry")
			.contains("dispatch digest --date " + edition + " --retry-failed");
		assertThat(row("ana@throttled.example", edition)).isEqualTo("RETRY 3");
		String runId = runId(first.out());
		assertThat(this.cli.run("jobs", "show", runId).out()).contains("RETRY").contains("452 4.2.2 over quota");

		// when: the server relents and the operator resends what failed
		Cli.Result retried = this.cli.run("digest", "--date", edition.toString(), "--retry-failed");

		// then: ana gets it once; ben's is not sent again
		assertThat(retried.exitCode()).as(retried.err()).isZero();
		assertThat(retried.out()).contains("2 sent, 0 to retry");
		assertThat(receivedBy("ana@throttled.example")).isEqualTo(1);
		assertThat(receivedBy("ben@throttled.example")).isEqualTo(1);
		assertThat(this.cli.run("digest", "--date", edition.toString(), "--retry-failed").out())
			.contains("nothing to retry");
	}

	@Test
	void aHardBounceIsRecordedAndSuppressesTheAddressForLaterEditions() {
		// given: the server does not know ben
		LocalDate edition = scenario("bounce", "ana@bounce.example", "ben@bounce.example");
		server.fail("ben@bounce.example", new Fault.RcptReply("550 5.1.1 no such user"));

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then: ben's digest bounced at once (no retry), and ben is suppressed
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("1 sent, 0 to retry, 1 bounced");
		assertThat(row("ben@bounce.example", edition)).isEqualTo("BOUNCED 1");
		assertThat(this.jdbc.sql("select status from subscriber where email = ?")
			.param("ben@bounce.example")
			.query(String.class)
			.single()).isEqualTo("SUPPRESSED");

		// when: news on their topic arrives and the next edition runs
		LocalDate next = article("bounce", "More bounce news");
		Cli.Result later = this.cli.run("digest", "--date", next.toString());

		// then: only ana is planned; ben is not sent anything
		assertThat(later.out()).contains("1 sent, 0 to retry, 0 bounced");
		assertThat(receivedBy("ben@bounce.example")).isZero();
		assertThat(receivedBy("ana@bounce.example")).isEqualTo(2);
	}

	@Test
	void aConnectionDroppedInTheMiddleOfDataIsTriedAgainOnANewConnection() {
		// given
		LocalDate edition = scenario("dropped", "ana@dropped.example");
		server.fail("ana@dropped.example", new Fault.DropInData());

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(receivedBy("ana@dropped.example")).isEqualTo(1);
		assertThat(row("ana@dropped.example", edition)).isEqualTo("SENT 2");
	}

	@Test
	void aServerThatStallsTimesOutAndTheMessageIsTriedAgain() {
		// given: the server says nothing after the message for longer than the read
		// timeout
		LocalDate edition = scenario("stalled", "ana@stalled.example");
		server.fail("ana@stalled.example", new Fault.Stall(20_000));

		// when
		long start = System.nanoTime();
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then: sent on the second try, after about one read timeout
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(receivedBy("ana@stalled.example")).isEqualTo(1);
		assertThat(row("ana@stalled.example", edition)).isEqualTo("SENT 2");
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
	}

	@Test
	void aServerThatWantsALoginFailsTheRunAndARestartSendsEachMessageOnce() {
		// given: a server that refuses to send without a login
		LocalDate edition = scenario("login", "ana@login.example", "ben@login.example");
		server.refuseMail("530 5.7.0 Authentication required");

		// when
		Cli.Result failed = this.cli.run("digest", "--date", edition.toString());

		// then: the run fails saying so, and nothing is marked sent
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.err()).contains("refused to send without a valid login").contains("530");
		assertThat(row("ana@login.example", edition)).startsWith("PENDING");

		// when: the login is fixed and the run restarted
		server.refuseMail("250 2.1.0 ok");
		Cli.Result restarted = this.cli.run("jobs", "restart", failedRunId(failed.err()));

		// then
		assertThat(restarted.exitCode()).as(restarted.err()).isZero();
		assertThat(receivedBy("ana@login.example")).isEqualTo(1);
		assertThat(receivedBy("ben@login.example")).isEqualTo(1);
	}

	@Test
	void aMessageInFlightWhenTheProcessDiedIsSentAgainWithTheSameMessageIdAndCounted() {
		// given: a run that failed, one of whose messages a killed process had handed to
		// the server without recording the outcome (what SIGKILL leaves in the ledger)
		LocalDate edition = scenario("crash", "ana@crash.example", "ben@crash.example");
		server.refuseMail("530 5.7.0 Authentication required");
		Cli.Result failed = this.cli.run("digest", "--date", edition.toString());
		assertThat(failed.exitCode()).as(failed.out()).isEqualTo(1);
		this.jdbc
			.sql("update delivery set sending_at = current_timestamp where subscriber_id ="
					+ " (select id from subscriber where email = 'ana@crash.example')")
			.update();

		// when: the server is back and the run restarted
		server.refuseMail("250 2.1.0 ok");
		String id = failedRunId(failed.err());
		Cli.Result restarted = this.cli.run("jobs", "restart", id);

		// then: every subscriber has the edition, and the report counts the one in doubt
		assertThat(restarted.exitCode()).as(restarted.err()).isZero();
		assertThat(server.received()).as(failed.err() + restarted.out()).hasSize(2);
		assertThat(restarted.out()).contains("1 message(s) were in flight when a run died");
		assertThat(receivedBy("ana@crash.example")).isEqualTo(1);
		assertThat(receivedBy("ben@crash.example")).isEqualTo(1);
		assertThat(server.received().get(0).messageId()).startsWith("<digest." + edition + ".");
		String shown = this.cli.run("jobs", "show", id, "--json").out();
		assertThat(shown).contains("\"inDoubt\" : 1");
		assertThat(this.cli.run("digest", "--date", edition.toString(), "--retry-failed").out())
			.contains("nothing to retry");
	}

	@Test
	void anArticleTitleWithMarkupShowsAsTextAndALongNonAsciiOneKeepsTheMessageIntact() throws Exception {
		// given: an article whose headline carries a script tag, non-ASCII and length
		String headline = "<script>alert('x')</script> Ünïcødé Россия " + "very long headline ".repeat(20);
		LocalDate edition = scenario("markup", "ana@markup.example");
		article("markup", headline.strip());

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.plusDays(1).toString());

		// then: the HTML part shows the title as text, escaped, and the text part has it
		// whole
		assertThat(result.exitCode()).as(result.err()).isZero();
		FaultySmtpServer.Received received = server.received().get(server.received().size() - 1);
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(received.raw().getBytes(StandardCharsets.ISO_8859_1)));
		Multipart parts = (Multipart) message.getContent();
		String text = (String) parts.getBodyPart(0).getContent();
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(");
		assertThat(html).contains("Ünïcødé Россия");
		assertThat(text).contains("Ünïcødé Россия");
		assertThat(received.raw().substring(0, received.raw().indexOf("\r\n\r\n")).lines())
			.allMatch((line) -> line.length() <= 998);
	}

	@Test
	void aStopRequestEndsTheRunStoppedWithEveryOutcomeRecordedAndARestartFinishesIt() throws Exception {
		// given: six subscribers whose server takes 300 ms to accept each message
		String[] readers = new String[6];
		for (int i = 0; i < readers.length; i++) {
			readers[i] = "reader" + i + "@stop.example";
		}
		LocalDate edition = scenario("stop", readers);
		for (String reader : readers) {
			server.fail(reader, new Fault.Slow(300));
		}

		// when: the run is asked to stop once the first message is sent
		CompletableFuture<Cli.Result> running = CompletableFuture
			.supplyAsync(() -> this.cli.run("digest", "--date", edition.toString()));
		while (server.received().isEmpty()) {
			Thread.sleep(20);
		}
		JobExecution execution = this.jobRepository.getJobExecution(
				this.jdbc.sql("select max(job_execution_id) from batch_job_execution").query(Long.class).single());
		this.jobOperator.stop(execution);
		Cli.Result stopped = running.get(30, TimeUnit.SECONDS);

		// then: the run is STOPPED, what the server accepted is SENT, nothing is left in
		// flight, and the rest waits
		assertThat(stopped.exitCode()).isEqualTo(1);
		assertThat(stopped.err()).contains("stopped; to go on from where it stopped");
		long sent = this.jdbc.sql("select count(*) from delivery where edition_key = ? and status = 'SENT'")
			.param(edition.toString())
			.query(Long.class)
			.single();
		assertThat(sent).isEqualTo(server.received().size()).isLessThan(readers.length);
		assertThat(this.jdbc.sql("select count(*) from delivery where edition_key = ? and sending_at is not null")
			.param(edition.toString())
			.query(Long.class)
			.single()).isZero();

		// when: the run is restarted
		Cli.Result restarted = this.cli.run("jobs", "restart", failedRunId(stopped.err()));

		// then: every reader has the edition once, and nothing is in doubt
		assertThat(restarted.exitCode()).as(restarted.err()).isZero();
		for (String reader : readers) {
			assertThat(receivedBy(reader)).as(reader).isEqualTo(1);
		}
		assertThat(restarted.out()).doesNotContain("in flight");
	}

	/**
	 * A topic named after the scenario, one article on it, and subscribers who follow it;
	 * returns a fresh edition date.
	 */
	LocalDate scenario(String name, String... recipients) {
		Newsroom.in(this.cli, DATA.resolve("input").resolve(name))
			.topic(name, name + "word")
			.columns("email,name,topics,frequency")
			.subscribers(List.of(recipients), "Reader", name, "daily")
			.load();
		return article(name, "News of " + name);
	}

	LocalDate article(String name, String headline) {
		Newsroom.in(this.cli, DATA.resolve("input").resolve(name).resolve("inbox-" + EDITIONS.get()))
			.story(headline,
					"The " + name + "word story, told for the " + headline
							+ " edition of the day, with enough words to make a lead paragraph.")
			.load();
		return LocalDate.of(2031, 1, 1).plusDays(EDITIONS.incrementAndGet());
	}

	static long receivedBy(String recipient) {
		return server.received()
			.stream()
			.filter((message) -> message.recipient().equals(recipient.toLowerCase(Locale.ROOT)))
			.count();
	}

	String row(String email, LocalDate edition) {
		return this.jdbc
			.sql("select d.status || ' ' || d.attempts from delivery d join subscriber s on s.id = d.subscriber_id"
					+ " where s.email = ? and d.edition_key = ?")
			.params(email, edition.toString())
			.query(String.class)
			.single();
	}

	static String runId(String out) {
		Matcher run = Pattern.compile("\\(run (\\d+)\\)").matcher(out);
		assertThat(run.find()).as(out).isTrue();
		return run.group(1);
	}

	static String failedRunId(String err) {
		Matcher run = Pattern.compile("dispatch jobs restart (\\d+)").matcher(err);
		assertThat(run.find()).as(err).isTrue();
		return run.group(1);
	}

	static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
