package news.dispatch.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer.Fault;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ledger says while a connection sends a group of messages
 * ({@code dispatch.sending.in-flight}): never more than a group marked in flight, the
 * outcomes of a group recorded when the next one is handed over, and the outcomes in hand
 * recorded before the connection pauses for a backoff or the throttle. The server looks
 * at the ledger each time a recipient is named.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/in-flight", "dispatch.digest.lookback-days=100000",
		"dispatch.sending.connections=1", "dispatch.sending.in-flight=3", "dispatch.sending.retries=1",
		"dispatch.sending.backoff=300ms", "dispatch.sending.domain-rate=4", "dispatch.digest.chunk-size=20",
		"dispatch.templates-dir=target/test-data/in-flight/templates" }, smtp = FunctionalTest.Smtp.OWN)
class InFlightTests {

	static final Path DATA = Path.of("target/test-data/in-flight");

	static final AtomicInteger EDITIONS = new AtomicInteger();

	@RegisterExtension
	static final FaultySmtpServer server = FaultySmtpServer.start();

	@BeforeAll
	static void failingSubjectTemplate() throws IOException {
		// the subject template of the jar, failing for a reader named "Broken"
		String subject = Files.readString(Path.of("templates/digest.subject.ftl"));
		DeliveryFaultTests.write(DATA.resolve("templates/digest.subject.ftl"),
				subject + "<#if subscriber.name == \"Broken\">${subscriber.nothing}</#if>");
	}

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aConnectionHasAtMostAGroupInFlightAndRecordsItWhenItHandsOverTheNext() {
		// given: seven readers, each of their own domain (no throttle wait)
		List<String> readers = ownDomains("groups", 7);
		LocalDate edition = edition("groups", readers);
		List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
		readers.forEach((reader) -> server.fail(reader, new Fault.Watch(() -> seen.add(ledger("groups")))));

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then: every message sent once; at each hand-over at most three were in flight,
		// and by the fourth the first group of three was recorded as sent
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("7 sent, 0 to retry");
		assertThat(server.received()).hasSize(7);
		assertThat(seen).hasSize(7)
			.allSatisfy((ledger) -> assertThat((Long) ledger.get("IN_FLIGHT")).isBetween(1L, 3L));
		assertThat(seen.get(3)).containsEntry("SENT", 3L).containsEntry("IN_FLIGHT", 3L);
		assertThat(seen.get(6)).containsEntry("SENT", 6L).containsEntry("IN_FLIGHT", 1L);
	}

	@Test
	void theOutcomesInHandAreRecordedBeforeABackoffPause() {
		// given: the third reader is refused for now once
		List<String> readers = List.of("ana@backoff1.example", "ben@backoff2.example", "cy@backoff3.example");
		LocalDate edition = edition("backoff", readers);
		List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
		server.fail("cy@backoff3.example", new Fault.RcptReply("451 4.3.0 try again later"),
				new Fault.Watch(() -> seen.add(ledger("backoff"))));

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then: when cy's second try comes, after the pause, ana's and ben's are recorded
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("3 sent, 0 to retry");
		assertThat(seen).singleElement().satisfies((ledger) -> {
			assertThat(ledger).containsEntry("SENT", 2L).containsEntry("IN_FLIGHT", 1L);
		});
	}

	@Test
	void theOutcomesInHandAreRecordedBeforeAThrottleWait() {
		// given: two readers of one domain, which takes four messages a second
		List<String> readers = List.of("ana@throttled.example", "ben@throttled.example");
		LocalDate edition = edition("throttle", readers);
		List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
		server.fail("ben@throttled.example", new Fault.Watch(() -> seen.add(ledger("throttle"))));

		// when
		Cli.Result result = this.cli.run("digest", "--date", edition.toString());

		// then: ana's is recorded as sent before the connection waits to send ben's
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(seen).singleElement().satisfies((ledger) -> {
			assertThat(ledger).containsEntry("SENT", 1L).containsEntry("IN_FLIGHT", 1L);
		});
	}

	@Test
	void aTemplateThatFailsWhileTheGroupBeforeIsSentStopsTheRunAndARestartSendsTheRestOnce() {
		// given: six readers, the fifth named so that the subject template fails for them
		List<String> readers = ownDomains("template", 6);
		LocalDate edition = edition("template", readers);
		this.jdbc.sql("update subscriber set name = 'Broken' where email = ?").param(readers.get(4)).update();
		try {
			// when
			Cli.Result failed = this.cli.run("digest", "--date", edition.toString());

			// then: the run fails naming the template, the line, what was missing and the
			// fix; the first group went out and is recorded, the rest wait
			assertThat(failed.exitCode()).as(failed.out()).isEqualTo(1);
			assertThat(failed.err())
				.contains("The template digest.subject.ftl failed at line 17: subscriber.nothing is null or missing")
				.contains("restart the run (dispatch jobs restart ID)");
			assertThat(server.received()).hasSize(3);
			assertThat(ledger("template")).containsEntry("SENT", 3L).containsEntry("IN_FLIGHT", 0L);

			// when: the reader's details are mended and the run restarted
			this.jdbc.sql("update subscriber set name = 'Mended' where email = ?").param(readers.get(4)).update();
			Cli.Result restarted = this.cli.run("jobs", "restart", DeliveryFaultTests.failedRunId(failed.err()));

			// then: every reader has the edition once
			assertThat(restarted.exitCode()).as(restarted.err()).isZero();
			assertThat(server.received()).hasSize(6);
			assertThat(server.recipients()).hasSize(6);
		}
		finally {
			this.jdbc.sql("update subscriber set name = 'Mended' where email = ?").param(readers.get(4)).update();
		}
	}

	/**
	 * How many messages to the readers of a topic are recorded as sent, and how many are
	 * in flight, now.
	 */
	private Map<String, Object> ledger(String topic) {
		return this.jdbc
			.sql("select count(case when d.status = 'SENT' then 1 end) as sent,"
					+ " count(d.sending_at) as in_flight from delivery d join subscriber s on s.id = d.subscriber_id"
					+ " where s.email like ?")
			.param("%@" + topic + "%")
			.query()
			.singleRow();
	}

	/**
	 * reader1@TOPIC1.example, reader2@TOPIC2.example, …: each of a domain of their own,
	 * so that the domain's throttle never waits.
	 */
	private static List<String> ownDomains(String topic, int count) {
		return IntStream.rangeClosed(1, count).mapToObj((i) -> "reader" + i + "@" + topic + i + ".example").toList();
	}

	/**
	 * Readers of one topic, a story on it, and the date of an edition to carry it.
	 */
	private LocalDate edition(String topic, List<String> readers) {
		Newsroom.in(this.cli, DATA.resolve("input").resolve(topic))
			.topic(topic, topic + "word")
			.columns("email,name,topics,frequency")
			.subscribers(readers, "Reader", topic, "daily")
			.story("News of " + topic, "The " + topic + "word story, with enough words for a lead paragraph.")
			.load();
		return LocalDate.of(2032, 1, 1).plusDays(EDITIONS.incrementAndGet());
	}

}
