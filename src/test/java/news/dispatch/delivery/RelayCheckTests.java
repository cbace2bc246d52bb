package news.dispatch.delivery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measuring the relay ({@code dispatch smtp check}) and sending with
 * {@code dispatch.sending.connections: auto}, against a server that waits before each
 * reply as a relay far away does. Timings are asserted only with margins of several
 * times: the server's wait is the least an exchange can take, and a busy machine only
 * adds to it.
 */
@FunctionalTest(
		properties = { "dispatch.data-dir=target/test-data/relay-check", "dispatch.digest.lookback-days=100000",
				"dispatch.sending.connections=auto", "dispatch.sending.target-duration=2s",
				"dispatch.sending.max-connections=2", "dispatch.sending.check.samples=3" },
		smtp = FunctionalTest.Smtp.OWN)
class RelayCheckTests {

	static final Path DATA = Path.of("target/test-data/relay-check");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final AtomicInteger EDITIONS = new AtomicInteger();

	@RegisterExtension
	static final FaultySmtpServer server = FaultySmtpServer.start();

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theMeasuredRoundTripIsTheRelaysAndNothingIsDelivered() {
		// given: a relay that takes 200 ms over every reply
		server.roundTrip(200);

		// when
		JsonNode slow = check("--readers", "100");

		// then: an exchange took at least the relay's 200 ms (and not ten times more); a
		// message is reckoned as four exchanges (MAIL, RCPT, DATA, the end); nothing was
		// delivered
		assertThat(slow.get("roundTripMs").asDouble()).isBetween(200.0, 2_000.0);
		assertThat(slow.get("messageTimed").asBoolean()).isFalse();
		assertThat(slow.get("messageMs").asDouble()).isBetween(800.0, 8_000.0);
		assertThat(slow.get("messagesPerSecondPerConnection").asDouble()).isLessThanOrEqualTo(1.25);
		assertThat(server.received()).isEmpty();

		// when: the same relay next door
		server.roundTrip(0);
		JsonNode fast = check("--readers", "100");

		// then: its round trip is a small part of the far one's
		assertThat(fast.get("roundTripMs").asDouble() * 3).isLessThan(slow.get("roundTripMs").asDouble());
		assertThat(fast.get("messagesPerSecondPerConnection").asDouble())
			.isGreaterThan(3 * slow.get("messagesPerSecondPerConnection").asDouble());
		assertThat(server.received()).isEmpty();
	}

	@Test
	void testMessagesGoOnlyToTheAddressGivenAndAreTimed() {
		// given
		server.roundTrip(100);

		// when
		JsonNode check = check("--readers", "10", "--to", "relay-check@newsroom.example");

		// then: three test messages (check.samples), all to that mailbox, each taking at
		// least its four exchanges
		assertThat(check.get("messageTimed").asBoolean()).isTrue();
		assertThat(check.get("messageMs").asDouble()).isBetween(400.0, 4_000.0);
		assertThat(server.received()).hasSize(3)
			.allSatisfy((message) -> assertThat(message.recipient()).isEqualTo("relay-check@newsroom.example"));
		assertThat(server.received().get(0).raw()).contains("Subject: Dispatch relay check 1/3")
			.contains("Auto-Submitted: auto-generated");
	}

	@Test
	void itSaysHowManyConnectionsAnEditionNeedsAndTheRelaysLimits() {
		// given: readers due today, and a relay 200 ms away
		readers("today", 10);
		long dueToday = this.jdbc.sql("select count(*) from subscriber where status = 'ACTIVE' and frequency = 'DAILY'")
			.query(Long.class)
			.single();
		server.roundTrip(200);

		// when
		Cli.Result result = this.cli.run("smtp", "check", "--within", "2s");

		// then: at 0.8 s or more a message, ten readers or more in 2 s need four
		// connections or more; two is the limit configured
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("Relay 127.0.0.1:" + server.port())
			.contains("round trip")
			.contains("reckoned")
			.contains("messages/s")
			.contains("An edition of " + dueToday + " readers (due today) within 2s")
			.contains("limited by dispatch.sending.max-connections (2)")
			.containsPattern("within the limits +2 connection\\(s\\)")
			.containsPattern("dispatch.sending.max-connections +2")
			.containsPattern("dispatch.sending.rate +none")
			.contains("dispatch.sending.connections is auto");
		assertThat(result.out()).doesNotContainPattern("needs +[123] connection");
	}

	@Test
	void autoOpensMoreConnectionsForASlowerRelayWithinTheCap() {
		// given: six readers and a relay next door
		LocalDate near = scenario("near", 6);

		// when
		Cli.Result nearRun = this.cli.run("digest", "--date", near.toString());

		// then: one connection sends six messages well within 2 s
		assertThat(nearRun.exitCode()).as(nearRun.err()).isZero();
		assertThat(nearRun.out()).contains("6 sent")
			.contains("dispatch.sending.connections is auto: 1 connection(s)")
			.contains("need 1;");

		// given: six more readers, and the relay 200 ms away: a message takes 0.8 s or
		// more, so six need three connections or more within 2 s
		LocalDate far = scenario("far", 6);
		server.forget();
		server.roundTrip(200);

		// when
		Cli.Result farRun = this.cli.run("digest", "--date", far.toString());

		// then: more connections, but no more than dispatch.sending.max-connections, and
		// each reader served once
		assertThat(farRun.exitCode()).as(farRun.err()).isZero();
		assertThat(farRun.out()).contains("6 sent")
			.contains("dispatch.sending.connections is auto: 2 connection(s)")
			.contains("limited by dispatch.sending.max-connections (2)")
			.doesNotContain("need 1;")
			.doesNotContain("need 2;");
		assertThat(server.received()).hasSize(6);
		assertThat(server.recipients()).hasSize(6);

		// and: the run's record keeps what was chosen and why
		String run = farRun.out().replaceAll("(?s).*\\(run (\\d+)\\).*", "$1");
		assertThat(this.cli.run("jobs", "show", run).out())
			.contains("send-digests: dispatch.sending.connections is auto: 2 connection(s)");
	}

	@Test
	void aRelayThatRefusesTheEnvelopeIsNamedWithWhatToCheck() {
		// given
		server.refuseMail("530 5.7.0 Authentication required");

		// when
		Cli.Result result = this.cli.run("smtp", "check", "--readers", "10");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("127.0.0.1:" + server.port())
			.contains("530 5.7.0 Authentication required")
			.contains("spring.mail.username");
	}

	@Test
	void aTargetThatIsNoDurationIsRefused() {
		Cli.Result result = this.cli.run("smtp", "check", "--within", "soon");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("--within").contains("30m");
		assertThat(server.received()).isEmpty();
	}

	private JsonNode check(String... options) {
		Cli.Result result = this.cli
			.run(Stream.concat(Stream.of("smtp", "check", "--json"), Stream.of(options)).toArray(String[]::new));
		assertThat(result.exitCode()).as(result.err()).isZero();
		return JSON.readTree(result.out());
	}

	/**
	 * Readers of a topic of their own, and a story on it: the edition of the date
	 * returned goes to them.
	 */
	private LocalDate scenario(String name, int readers) {
		readers(name, readers);
		Newsroom.in(this.cli, DATA.resolve("input").resolve(name).resolve("inbox"))
			.story("News of " + name.toUpperCase(Locale.ROOT),
					"The " + name + "word story, told for the edition of the day, with enough words to make a lead"
							+ " paragraph.")
			.load();
		return LocalDate.of(2031, 1, 1).plusDays(EDITIONS.incrementAndGet());
	}

	/**
	 * Daily readers of a topic of their own, with no story on it.
	 */
	private void readers(String name, int readers) {
		Newsroom.in(this.cli, DATA.resolve("input").resolve(name))
			.topic(name, name + "word")
			.columns("email,name,topics,frequency")
			.readers(readers, "reader%d@" + name + ".example", "Reader", name, "daily")
			.load();
	}

}
