package news.dispatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.topic.Relevance;
import news.dispatch.topic.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editors' tools: {@code topics test} tries a query on recent articles before it is
 * saved, and {@code topics import} keeps each topic's relevance options.
 */
@FunctionalTest
class TopicToolsTests {

	static final Path DATA = Path.of(FunctionalTest.SHARED_DATA);

	static final String NORTH_KOREA = "\"north korea\" OR pyongyang OR \"kim jong un\"";

	static boolean ingested;

	@Autowired
	Cli cli;

	@Autowired
	Topics topics;

	Cli cliWithArticles() {
		if (!ingested) {
			Path inbox = Fixtures.copy("inbox/", DATA.resolve("input/inbox"));
			assertThat(this.cli.run("ingest", "--from", inbox.toString()).exitCode()).isZero();
			ingested = true;
		}
		return this.cli;
	}

	@Test
	void topicsTestListsTheMatchingArticlesWithScoreAndTheMatchedWordsMarked() {
		Cli cli = cliWithArticles();

		Cli.Result result = cli.run("topics", "test", NORTH_KOREA, "--days", "3");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("Putin and Kim Jong Un sign defence pact")
			.contains("[Kim Jong Un]")
			.contains("1 article in the last 3 days")
			.doesNotContain("Amber warning");
		assertThat(this.topics.findAll()).noneMatch((topic) -> topic.query().equals(NORTH_KOREA));
	}

	@Test
	void topicsTestPrintsIdHeadlineScoreAndSnippetAsJson() {
		Cli cli = cliWithArticles();

		Cli.Result result = cli.run("topics", "test", "russia OR russian OR kremlin", "--json");

		assertThat(result.exitCode()).as(result.err()).isZero();
		List<Map<String, Object>> found = JsonMapper.builder()
			.build()
			.readValue(result.out(), new TypeReference<List<Map<String, Object>>>() {
			});
		assertThat(found).hasSize(2).allSatisfy((article) -> {
			assertThat(article).containsKeys("id", "headline", "score", "snippet");
			assertThat((String) article.get("snippet")).containsIgnoringCase("russia");
		});
		assertThat((double) found.get(0).get("score")).isGreaterThanOrEqualTo((double) found.get(1).get("score"));
	}

	@Test
	void topicsTestRefusesAnInvalidQueryWithItsColumnAndReason() {

		Cli.Result result = this.cli.run("topics", "test", "putin OR kremlin sanctions");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("'putin OR kremlin sanctions' is invalid at column")
			.contains("parentheses")
			.contains("fix it");
	}

	@Test
	void aPassingMentionIsLeftOutUnlessTheEditorAsksForIt() {
		Cli cli = cliWithArticles();

		Cli.Result byDefault = cli.run("topics", "test", "india");
		Cli.Result anywhere = cli.run("topics", "test", "india", "--in", "anywhere", "--min-hits", "1");

		assertThat(byDefault.exitCode()).isZero();
		assertThat(byDefault.out()).contains("No article of the last 7 days matches india");
		assertThat(anywhere.out()).contains("Russian gas exports to Asia rise").contains("[India]");
	}

	@Test
	void topicImportKeepsRelevanceOptionsAndRefusesBadOnesByLine() {
		Path file = Fixtures.copy("topics-relevance.yml", DATA.resolve("input"));

		Cli.Result result = this.cli.run("topics", "import", file.toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err())
			.contains("line 9: the topic \"Storms\" has a bad option: in: must be headline, lead or anywhere")
			.contains("line 12: the topic \"Rain\" has a bad option: min-hits: must be a whole number from 1");
		assertThat(this.topics.findByName("Gas").orElseThrow().relevance())
			.isEqualTo(new Relevance(Relevance.Region.HEADLINE, 1));
		assertThat(this.topics.findByName("India").orElseThrow().relevance()).isEqualTo(Relevance.ANY);
		assertThat(this.cli.run("topics", "list", "--json").out()).contains("\"in\" : \"headline\"")
			.contains("\"minHits\" : 1");
	}

}
