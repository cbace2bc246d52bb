package news.dispatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every story of the matching window is matched under the current topics and keywords
 * before a digest is planned, and the match step says how many it matched; {@code topics
 * verify} finds any stored match that a fresh match disagrees with.
 */
@SpringBootTest(properties = { "dispatch.cli.run-on-start=false", "dispatch.data-dir=target/test-data/match-invariant",
		"dispatch.digest.lookback-days=100000" })
class MatchInvariantTests {

	static final Path DATA = Path.of("target/test-data/match-invariant");

	static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void freshDataDirectory() {
		Fixtures.delete(DATA);
	}

	@Autowired
	CommandLineInterface commandLine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDigestMatchesEveryStoryMatchedUnderOlderTopicsAndCountsThemAndVerifyFindsTamperedMatches()
			throws Exception {
		// given: the newsroom, matched when ingested, then a topic changed
		Cli cli = new Cli(this.commandLine);
		Path input = DATA.resolve("input");
		cli.importNewsroom(input);
		assertThat(cli.run("topics", "verify").exitCode()).isZero();
		Path topics = Files.writeString(input.resolve("changed.yml"),
				"topics:\n  - name: Weather\n    query: 'storm OR gales OR rain'\n");
		assertThat(cli.run("topics", "import", topics.toString()).exitCode()).isZero();
		long inWindow = this.jdbc.sql("select count(*) from article where published_at >= ?")
			.param(Instant.now().minus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
		assertThat(inWindow).isPositive();
		Cli.Result stale = cli.run("topics", "verify");
		assertThat(stale.out()).contains("matched under older queries");

		// when: a digest runs
		Cli.Result digest = cli.run("digest", "--date", "2031-06-02", "--quiet");
		assertThat(digest.exitCode()).as(digest.err()).isZero();

		// then: its match step read and matched every story of the window, and a fresh
		// match agrees with what is stored
		Map<String, Object> step = matchStep(cli);
		assertThat(step).containsEntry("status", "COMPLETED");
		assertThat(((Number) step.get("read")).longValue()).isEqualTo(inWindow);
		assertThat(((Number) step.get("write")).longValue()).isEqualTo(inWindow);
		Cli.Result verified = cli.run("topics", "verify", "--days", "3650");
		assertThat(verified.exitCode()).as(verified.out()).isZero();
		assertThat(verified.out()).contains("stories of the last 3650 days checked").contains("no difference");

		// when: a stored match is lost behind the matcher's back
		// column labels are upper case on H2, lower case on PostgreSQL
		Map<String, Object> lost = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		lost.putAll(this.jdbc.sql(
				"select m.article_id, m.topic_id, a.headline, t.name from article_match m join article a on a.id = m.article_id"
						+ " join topic t on t.id = m.topic_id order by m.article_id")
			.query()
			.listOfRows()
			.get(0));
		this.jdbc.sql("delete from article_match where article_id = ? and topic_id = ?")
			.params(lost.get("ARTICLE_ID"), lost.get("TOPIC_ID"))
			.update();

		// then: verify names the story and the topic, and exits 1
		Cli.Result found = cli.run("topics", "verify", "--days", "3650");
		assertThat(found.exitCode()).isEqualTo(1);
		assertThat(found.out()).contains((String) lost.get("HEADLINE"))
			.contains("topic \"" + lost.get("NAME") + "\": matches now, but is not stored")
			.contains("1 difference(s)");
		Map<String, Object> json = JSON.readValue(cli.run("topics", "verify", "--days", "3650", "--json").out(),
				new TypeReference<Map<String, Object>>() {
				});
		assertThat(json).containsKeys("stories", "days", "differences");
		assertThat((List<?>) json.get("differences")).singleElement()
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("id", ((Number) lost.get("ARTICLE_ID")).intValue())
			.containsEntry("stored", false)
			.containsEntry("matchesNow", true)
			.containsEntry("current", true);

		// and: bad usage exits 2 with what to do
		Cli.Result bad = cli.run("topics", "verify", "--days", "0");
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.err()).contains("--days must be 1 or more");
	}

	private Map<String, Object> matchStep(Cli cli) {
		List<Map<String, Object>> runs = JSON.readValue(cli.run("jobs", "list", "--job", "digest", "--json").out(),
				new TypeReference<List<Map<String, Object>>>() {
				});
		String id = String.valueOf(runs.get(0).get("id"));
		Map<String, Object> shown = JSON.readValue(cli.run("jobs", "show", id, "--json").out(),
				new TypeReference<Map<String, Object>>() {
				});
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> steps = (List<Map<String, Object>>) shown.get("steps");
		return steps.stream().filter((step) -> "match-articles".equals(step.get("name"))).findFirst().orElseThrow();
	}

}
