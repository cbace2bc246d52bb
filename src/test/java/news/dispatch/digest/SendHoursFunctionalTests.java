package news.dispatch.digest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.TestDatabase;
import news.dispatch.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hourly digest run at each reader's own hour, through the real job, hour by hour
 * across the daylight-saving changes of America/New_York and Europe/Berlin: a send hour
 * that does not exist on the spring-forward day is reached by the next hour, a repeated
 * hour on the fall-back day sends nothing more, and no local day is skipped or doubled.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/send-hours", "dispatch.digest.lookback-days=100000",
		"dispatch.digest.weekly-day=MONDAY", "dispatch.sending.partitions=2" })
class SendHoursFunctionalTests {

	static final Path DATA = Path.of("target/test-data/send-hours").toAbsolutePath();

	@Autowired
	Cli cli;

	@Autowired
	JobOperator operator;

	@Autowired
	@Qualifier("digestHourlyJob")
	Job hourly;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	/**
	 * Every test starts from an empty database and no mail: it imports the readers it
	 * needs.
	 */
	@BeforeEach
	void nothingYet() {
		TestDatabase.empty(this.dataSource);
		TestMail.purge();
	}

	/** Stories ingested so far, over all the tests (JUnit makes an instance per test). */
	private static int stories;

	@Test
	void springForwardInNewYorkReachesAMissingSendHourOnceAtTheNextHour() throws Exception {
		// given: New York readers at 1, 2 (an hour 2026-03-08 does not have) and 3
		// o'clock,
		// a weekly one on Sundays and a weekly one on the default Monday
		Cli cli = given(
				"ny,America/New_York,1,daily,\nnytwo,America/New_York,2,daily,\nnythree,America/New_York,3,daily,\n"
						+ "nysunday,America/New_York,2,weekly,sunday\nnymonday,America/New_York,2,weekly,\n");

		// when: every hour runs from 2026-03-08 00:00 EST (05:00Z) to 09:00 EDT (13:00Z)
		Map<String, List<String>> planned = runHours(cli, "2026-03-08T05:00:00Z", 9);

		// then: each daily reader has the 2026-03-08 edition once, planned at the first
		// hour on or after their own
		assertThat(planned.get("ny")).containsExactly("2026-03-08@2026-03-08T06:00:00Z");
		assertThat(planned.get("nytwo")).containsExactly("2026-03-08@2026-03-08T07:00:00Z");
		assertThat(planned.get("nythree")).containsExactly("2026-03-08@2026-03-08T07:00:00Z");
		assertThat(planned.get("nysunday")).containsExactly("2026-03-08@2026-03-08T07:00:00Z");
		assertThat(planned).doesNotContainKey("nymonday");

		// when: the next day's hours run
		planned = runHours(cli, "2026-03-09T04:00:00Z", 9);

		// then: again once each, at their hour in daylight time; now the Monday reader
		assertThat(planned.get("ny")).containsExactly("2026-03-09@2026-03-09T05:00:00Z");
		assertThat(planned.get("nytwo")).containsExactly("2026-03-09@2026-03-09T06:00:00Z");
		assertThat(planned.get("nymonday")).containsExactly("2026-03-09@2026-03-09T06:00:00Z");
		assertThat(planned).doesNotContainKey("nysunday");
		assertSentOncePerEdition();
	}

	@Test
	void fallBackInNewYorkAndBerlinSendsARepeatedHourOnce() throws Exception {
		// given: readers at 1 o'clock in New York (repeated on 2026-11-01) and at 2
		// o'clock in Berlin (repeated on 2026-10-25)
		Cli cli = given("fallny,America/New_York,1,daily,\nfallberlin,Europe/Berlin,2,daily,\n");

		// when: the hours of both fall-back nights run
		Map<String, List<String>> berlin = runHours(cli, "2026-10-24T22:00:00Z", 6);
		Map<String, List<String>> newYork = runHours(cli, "2026-11-01T04:00:00Z", 5);

		// then: 02:00 CEST (00:00Z) and 01:00 EDT (05:00Z) send; the same local hours an
		// hour later send nothing more
		assertThat(berlin.get("fallberlin")).containsExactly("2026-10-25@2026-10-25T00:00:00Z");
		assertThat(newYork.get("fallny")).containsExactly("2026-11-01@2026-11-01T05:00:00Z");
		assertSentOncePerEdition();
	}

	@Test
	void aManualEditionGoesToEveryoneDueThatDayWhateverTheirHour() throws Exception {
		// given: readers whose send hours are far apart, one at another hour, and a new
		// story
		Cli cli = given("early,Pacific/Auckland,0,daily,\nlate,America/Los_Angeles,23,daily,\n"
				+ "ny,America/New_York,1,daily,\n");
		int before = TestMail.received().size();

		// when: the operator runs the 2026-12-01 edition by hand
		Cli.Result run = cli.run("digest", "--date", "2026-12-01", "--quiet");

		// then: both of them have it now, and every other daily reader as well
		assertThat(run.exitCode()).as(run.err()).isZero();
		List<String> editions = this.jdbc
			.sql("select s.email from delivery d join subscriber s on s.id = d.subscriber_id"
					+ " where d.edition_key = '2026-12-01' and d.status = 'SENT'")
			.query(String.class)
			.list();
		assertThat(editions).contains("early@example.com", "late@example.com", "ny@example.com");
		assertThat(TestMail.received().size() - before).isEqualTo(editions.size());
	}

	@Test
	void jobsShowOfAnHourlyRunCountsTheDeliveriesOfEachEditionItCanSend() throws Exception {
		// given: a reader in Tokyo at 9 o'clock, and the hour of 09:00 in Tokyo run
		Cli cli = given("showtokyo,Asia/Tokyo,9,daily,\n");
		Map<String, List<String>> planned = runHours(cli, "2027-02-01T00:00:00Z", 1);
		assertThat(planned.get("showtokyo")).containsExactly("2027-02-01@2027-02-01T00:00:00Z");
		long run = this.jdbc.sql("select max(job_execution_id) from batch_job_execution").query(Long.class).single();

		// when: the operator asks about the run
		Cli.Result shown = cli.run("jobs", "show", Long.toString(run), "--json");

		// then: its deliveries are counted, per edition it can plan and together
		assertThat(shown.exitCode()).as(shown.err()).isZero();
		Map<String, Object> json = JsonMapper.builder().build().readValue(shown.out(), new TypeReference<>() {
		});
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Number>> editions = (Map<String, Map<String, Number>>) json.get("editions");
		assertThat(editions).containsOnlyKeys("2027-01-31", "2027-02-01", "2027-02-02");
		assertThat(editions.get("2027-02-01").get("SENT").intValue()).isPositive();
		@SuppressWarnings("unchecked")
		Map<String, Number> together = (Map<String, Number>) json.get("deliveries");
		assertThat(together.get("SENT").longValue())
			.isEqualTo(editions.values().stream().mapToLong((counts) -> counts.get("SENT").longValue()).sum());
	}

	/**
	 * Imports these readers (name,zone,hour,frequency,weekday) following "Russia", and a
	 * new story about Russia.
	 */
	private Cli given(String readers) throws Exception {
		Path input = Files.createDirectories(DATA.resolve("input"));
		Files.writeString(input.resolve("topics.yml"), "topics:\n  - name: Russia\n    query: russia\n");
		StringBuilder csv = new StringBuilder("email,topics,timezone,send_hour,frequency,weekday\n");
		for (String line : readers.split("\n")) {
			String[] f = line.split(",", -1);
			csv.append(f[0])
				.append("@example.com,Russia,")
				.append(f[1])
				.append(',')
				.append(f[2])
				.append(',')
				.append(f[3])
				.append(',')
				.append(f[4])
				.append('\n');
		}
		Files.writeString(input.resolve("subscribers.csv"), csv);
		assertThat(this.cli.run("topics", "import", input.resolve("topics.yml").toString()).exitCode()).isZero();
		Cli.Result imported = this.cli.run("subscribers", "import", input.resolve("subscribers.csv").toString());
		assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
		newStory(this.cli);
		return this.cli;
	}

	private void newStory(Cli cli) throws Exception {
		Path inbox = Files.createDirectories(DATA.resolve("inbox-" + (++stories)));
		Files.writeString(inbox.resolve("story.txt"), "Russia story " + stories + "\n\nNews number " + stories
				+ " about Russia, different from every other one: " + "x".repeat(stories) + "\n");
		assertThat(cli.run("ingest", "--quiet", "--from", inbox.toString()).exitCode()).isZero();
	}

	/**
	 * Runs the hourly job for {@code hours} hours from {@code first}, a new story before
	 * each, and tells for each reader (the address's local part) which edition each hour
	 * planned: {@code edition@hour}.
	 */
	private Map<String, List<String>> runHours(Cli cli, String first, int hours) throws Exception {
		Map<String, List<String>> planned = new HashMap<>();
		for (int i = 0; i < hours; i++) {
			Instant hour = Instant.parse(first).plusSeconds(3600L * i);
			newStory(cli);
			long lastId = this.jdbc.sql("select coalesce(max(id), 0) from delivery").query(Long.class).single();
			JobExecution run = this.operator.start(this.hourly, DigestJob.hourlyParameters(hour));
			assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
			this.jdbc.sql(
					"select s.email, d.edition_key, d.status from delivery d join subscriber s on s.id = d.subscriber_id"
							+ " where d.id > ?")
				.param(lastId)
				.query((rs) -> {
					assertThat(rs.getString(3)).isEqualTo("SENT");
					planned.computeIfAbsent(rs.getString(1).replace("@example.com", ""), (k) -> new ArrayList<>())
						.add(rs.getString(2) + "@" + hour);
				});
		}
		return planned;
	}

	private void assertSentOncePerEdition() {
		List<String> messageIds = new ArrayList<>();
		for (var message : TestMail.received()) {
			try {
				messageIds.add(message.getMessageID());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		assertThat(messageIds).doesNotHaveDuplicates();
		long sent = this.jdbc.sql("select count(*) from delivery where status = 'SENT'").query(Long.class).single();
		assertThat(messageIds).hasSize((int) sent);
	}

}
