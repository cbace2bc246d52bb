package news.dispatch.digest;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.TestDatabase;
import news.dispatch.TestMail;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.LedgerPlans;
import news.dispatch.subscriber.Recipients;
import news.dispatch.subscriber.Recipients.DigestTime;
import news.dispatch.subscriber.Recipients.Following;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planning by groups gives every reader the digest that planning one reader at a time
 * gives: a mixed population (readers of the same topics, readers with keywords, readers
 * who already had some of the stories, a cap of two stories, paused, unsubscribed and
 * weekly readers, several send hours and zones) planned through the real jobs, in chunks
 * smaller than the population, and compared message by message with the ledger the
 * per-reader planner writes for the same readers.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/group-planning",
		"dispatch.digest.lookback-days=100000", "dispatch.digest.max-articles=2", "dispatch.digest.plan-chunk-size=7",
		"dispatch.digest.weekly-day=MONDAY" })
@Tag("postgres")
class GroupPlanningTests {

	static final Path DATA = Path.of("target/test-data/group-planning").toAbsolutePath();

	static final LocalDate EDITION = LocalDate.now(ZoneOffset.UTC);

	static final LedgerKey KEY = LedgerKey.edition(EDITION);

	@Autowired
	Cli cli;

	@Autowired
	DigestPlanner planner;

	@Autowired
	LedgerPlans plans;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Recipients recipients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	JobOperator operator;

	@Autowired
	@Qualifier("digestHourlyJob")
	Job hourly;

	@BeforeEach
	void population() {
		TestDatabase.empty(this.dataSource);
		TestMail.purge();
		String weekday = EDITION.getDayOfWeek().name().toLowerCase();
		String otherDay = EDITION.getDayOfWeek().plus(1).name().toLowerCase();
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("Russia", "russia")
			.topic("Markets", "shares OR markets")
			.topic("Weather", "storm OR rain")
			.columns("email,topics,frequency,timezone,send_hour,keywords,weekday")
			.readers(12, "russia%d@example.com", "Russia", "daily", "UTC", "6", "", "")
			.readers(9, "russia-markets%d@example.com", "Russia;Markets", "daily", "UTC", "12", "", "")
			.readers(6, "weather%d@example.com", "Weather", "daily", "Asia/Tokyo", "21", "", "")
			.readers(6, "all%d@example.com", "Markets;Weather;Russia", "daily", "America/New_York", "7", "", "")
			.readers(5, "late%d@example.com", "Russia;Markets", "daily", "UTC", "18", "", "")
			.readers(3, "election%d@example.com", "Russia", "daily", "UTC", "6", "election", "")
			.readers(2, "insurance%d@example.com", "", "daily", "UTC", "12", "insurance", "")
			.readers(4, "had%d@example.com", "Russia", "daily", "UTC", "6", "", "")
			.readers(2, "paused%d@example.com", "Russia", "daily", "UTC", "6", "", "")
			.readers(2, "gone%d@example.com", "Russia", "daily", "UTC", "6", "", "")
			.readers(2, "weekly%d@example.com", "Russia;Markets", "weekly", "UTC", "6", "", weekday)
			.readers(2, "otherday%d@example.com", "Russia;Markets", "weekly", "UTC", "6", "", otherDay)
			.story("Russia and the markets: shares fall in Moscow",
					"Shares fell in Moscow as markets in Russia reacted to new sanctions on Russia's banks.")
			.story("Storm brings heavy rain to Russia's north",
					"A storm brought heavy rain across northern Russia, where rivers rose overnight.")
			.story("Shares rally as markets recover from the slump",
					"Shares rallied in London and New York, and markets recovered most of the week's losses.")
			.story("Russia signs a trade deal with its neighbours",
					"Russia signed a trade deal with three neighbouring countries after months of talks in Russia.")
			.story("Storm warning: rain and gales for the coast",
					"Forecasters issued a storm warning, with rain and gales expected along the coast tonight.")
			.story("Russia's election campaign begins in earnest",
					"The election campaign in Russia began, with candidates touring Russia's largest cities.")
			.story("Storm damage lifts insurance shares",
					"Insurance shares rose on markets as the storm damage claims were counted by the insurers.")
			.load();
		// paused until after the edition, and unsubscribed: no digest
		this.jdbc.sql("update subscriber set paused_until = ? where email like 'paused%'")
			.param(EDITION.plusDays(2))
			.update();
		this.subscribers.unsubscribe(id("gone0@example.com"));
		this.subscribers.unsubscribe(id("gone1@example.com"));
		// stories some readers already had in another message: on their own list, and
		// through a group's
		LedgerKey earlier = LedgerKey.edition(EDITION.minusDays(1));
		List<Following> russia = this.recipients.following(List.of(id("had0@example.com")));
		List<LedgerPlans.Planned> best = this.planner.planEach(russia, EDITION, ZoneOffset.UTC);
		assertThat(best).hasSize(1);
		LedgerPlans.Item top = best.get(0).items().get(0);
		LedgerPlans.Item second = best.get(0).items().get(1);
		this.plans.planAll(earlier, List.of(new LedgerPlans.Planned(id("had0@example.com"), List.of(top)),
				new LedgerPlans.Planned(id("had1@example.com"), List.of(second))));
		this.plans.planGroups(earlier,
				List.of(new LedgerPlans.Group(List.of(top, second), List.of(id("had2@example.com")))), List.of());
		// one who had a story their digest would not list anyway
		LedgerPlans.Item other = this.planner
			.planEach(this.recipients.following(List.of(id("weather0@example.com"))), EDITION, ZoneOffset.UTC)
			.get(0)
			.items()
			.stream()
			.filter((item) -> item.articleId() != top.articleId() && item.articleId() != second.articleId())
			.findFirst()
			.orElseThrow();
		this.plans.planAll(earlier, List.of(new LedgerPlans.Planned(id("had3@example.com"), List.of(other))));
	}

	@Test
	void anEditionPlannedByGroupsIsTheLedgerPlanningEachReaderWrites() throws Exception {
		// given: the per-reader plan of every reader due the edition
		List<Following> due = this.recipients.dueOn(EDITION, DayOfWeek.MONDAY, 0, 1000);
		List<LedgerPlans.Planned> each = this.planner.planEach(due, EDITION, ZoneOffset.UTC);

		// when: the edition runs, planned by groups in chunks of 7
		Cli.Result digest = this.cli.run("digest", "--date", EDITION.toString());

		// then: the ledger holds what planning each reader gives, message for message
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		Map<String, String> grouped = ledger(KEY);
		// the readers of the same topics share their list; those whose list differs have
		// their own
		Map<String, Long> groups = groups(KEY);
		// (a group per chunk of 7)
		assertThat(groups.get("russia0@example.com")).isNotNull().isEqualTo(groups.get("russia6@example.com"));
		assertThat(groups).containsKey("had3@example.com");
		assertThat(grouped.get("had3@example.com").replaceAll("<.*>", ""))
			.isEqualTo(grouped.get("russia0@example.com").replaceAll("<.*>", ""));
		assertThat(groups).doesNotContainKeys("had0@example.com", "had1@example.com", "had2@example.com",
				"election0@example.com", "insurance0@example.com");
		assertThat(grouped.get("had0@example.com")).isNotEqualTo(grouped.get("russia0@example.com"));
		assertThat(grouped.get("insurance0@example.com")).contains("topicId=null").doesNotContain("topicId=0");
		assertThat(grouped).hasSize(each.size()).isEqualTo(writtenOneByOne(KEY, each));
		assertThat(grouped.keySet())
			.contains("had3@example.com", "insurance0@example.com", "election0@example.com", "weekly0@example.com")
			.doesNotContain("paused0@example.com", "gone0@example.com", "otherday0@example.com");
		assertThat(TestMail.received()).hasSize(each.size());
	}

	@Test
	void anHourlyRunPlannedByGroupsIsTheLedgerPlanningEachReaderWrites() throws Exception {
		// given: noon UTC, when readers at 6 and 12 o'clock UTC, 21 o'clock in Tokyo and
		// 7
		// in New York are due, those at 18 o'clock UTC not yet; their per-reader plan
		Instant noon = EDITION.atTime(12, 0).toInstant(ZoneOffset.UTC);
		List<Long> dueIds = new ArrayList<>();
		for (DigestTime reader : this.recipients.digestTimes(0, 1000)) {
			if (SendHours.dueEdition(reader, noon, DayOfWeek.MONDAY).filter(EDITION::equals).isPresent()) {
				dueIds.add(reader.subscriberId());
			}
		}
		List<LedgerPlans.Planned> each = this.planner.planEach(this.recipients.following(dueIds), EDITION,
				ZoneOffset.UTC);

		// when: the hourly run of noon runs
		JobExecution run = this.operator.start(this.hourly, DigestJob.hourlyParameters(noon));

		// then: its ledger is what planning each due reader gives
		assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, String> grouped = ledger(KEY);
		assertThat(grouped).hasSize(each.size()).isEqualTo(writtenOneByOne(KEY, each));
		assertThat(grouped.keySet())
			.contains("russia0@example.com", "russia-markets0@example.com", "weather0@example.com", "all0@example.com")
			.doesNotContain("late0@example.com", "paused0@example.com");
	}

	/**
	 * The edition's ledger as the per-reader planner writes it: the edition's messages
	 * replaced by those of {@code each}, and read back.
	 */
	private Map<String, String> writtenOneByOne(LedgerKey key, List<LedgerPlans.Planned> each) {
		this.jdbc.sql("delete from delivery where kind = ? and edition_key = ?")
			.params(key.kind().column(), key.key())
			.update();
		this.plans.planAll(key, each);
		return ledger(key);
	}

	/**
	 * Each message of an edition, by address: its Message-ID and the articles it lists,
	 * with their topics, in order.
	 */
	private Map<String, String> ledger(LedgerKey key) {
		Map<String, String> ledger = new TreeMap<>();
		Map<Long, String[]> rows = new TreeMap<>();
		this.jdbc
			.sql("select d.id, s.email, d.message_id from delivery d join subscriber s on s.id = d.subscriber_id"
					+ " where d.kind = ? and d.edition_key = ?")
			.params(key.kind().column(), key.key())
			.query((rs) -> {
				rows.put(rs.getLong(1), new String[] { rs.getString(2), rs.getString(3) });
			});
		Map<Long, List<LedgerPlans.Item>> items = this.plans.items(rows.keySet());
		rows.forEach((id, row) -> ledger.put(row[0], row[1] + " " + items.get(id)));
		return ledger;
	}

	/**
	 * The group of each message of an edition that has one, by address.
	 */
	private Map<String, Long> groups(LedgerKey key) {
		Map<String, Long> groups = new TreeMap<>();
		this.jdbc
			.sql("select s.email, d.group_id from delivery d join subscriber s on s.id = d.subscriber_id"
					+ " where d.kind = ? and d.edition_key = ? and d.group_id is not null")
			.params(key.kind().column(), key.key())
			.query((rs) -> {
				groups.put(rs.getString(1), rs.getLong(2));
			});
		return groups;
	}

	private long id(String email) {
		return this.subscribers.findByEmail(email).orElseThrow().id();
	}

}
