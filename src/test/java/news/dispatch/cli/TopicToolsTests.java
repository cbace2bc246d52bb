package news.dispatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.topic.Relevance;
import news.dispatch.topic.Topics;
import org.junit.jupiter.api.Tag;
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
@Tag("postgres")
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
			.contains("line 9: the topic \"Storms\" has a bad option: in: must be about, headline, lead or anywhere")
			.contains("line 12: the topic \"Rain\" has a bad option: min-hits: must be a whole number from 1");
		assertThat(this.topics.findByName("Gas").orElseThrow().relevance())
			.isEqualTo(new Relevance(Relevance.Region.HEADLINE, 1));
		assertThat(this.topics.findByName("India").orElseThrow().relevance()).isEqualTo(Relevance.ANY);
		assertThat(this.cli.run("topics", "list", "--json").out()).contains("\"in\" : \"headline\"")
			.contains("\"minHits\" : 1");
	}

	@Test
	void topicsTestTellsWhyAStoryIsInOrOutWithItsAboutness() {
		Cli cli = cliWithArticles();

		Cli.Result text = cli.run("topics", "test", "india", "--out");
		Cli.Result json = cli.run("topics", "test", "india", "--out", "--json");

		assertThat(text.exitCode()).as(text.err()).isZero();
		assertThat(text.out()).contains("out").contains("Russian gas exports to Asia rise").contains("out: ");
		List<Map<String, Object>> found = JsonMapper.builder()
			.build()
			.readValue(json.out(), new TypeReference<List<Map<String, Object>>>() {
			});
		assertThat(found).hasSize(1);
		assertThat(found.get(0)).containsEntry("in", false).containsKeys("aboutness", "reason");
		assertThat((String) found.get(0).get("reason")).startsWith("out: ");
	}

	@Test
	void editorsJudgeStoriesAndTuneFitsTheTopicToThem() throws Exception {
		Cli cli = cliWithArticles();
		Path file = DATA.resolve("input/teach.yml");
		java.nio.file.Files.createDirectories(file.getParent());
		java.nio.file.Files.writeString(file, "topics:\n  - {name: Moscow, query: 'russia OR russian OR putin'}\n");
		assertThat(cli.run("topics", "import", file.toString()).exitCode()).isZero();
		List<Map<String, Object>> articles = JsonMapper.builder()
			.build()
			.readValue(cli.run("articles", "list", "--json").out(), new TypeReference<List<Map<String, Object>>>() {
			});
		long summit = id(articles, "Putin and Kim Jong Un sign defence pact");
		long gas = id(articles, "Russian gas exports to Asia rise");

		Cli.Result judged = cli.run("topics", "judge", "moscow", Long.toString(gas), "yes");
		assertThat(cli.run("topics", "judge", "Moscow", Long.toString(summit), "no").exitCode()).isZero();
		Cli.Result tuned = cli.run("topics", "tune", "Moscow");
		Cli.Result tested = cli.run("topics", "test", "--topic", "Moscow", "--days", "3650");

		assertThat(judged.exitCode()).as(judged.err()).isZero();
		assertThat(judged.out()).contains("is about \"Moscow\"");
		assertThat(tuned.exitCode()).as(tuned.err()).isZero();
		assertThat(tuned.out()).contains("Moscow").contains("2 judgements (1 about it)").contains("precision");
		assertThat(tuned.out()).contains("-> 1.00, recall");
		assertThat(tested.out()).contains("Estimated from the editors' judgements of \"Moscow\": precision 1.00");
		assertThat(cli.run("topics", "tune").out()).contains("Gas").contains("not tuned");
	}

	@Test
	void aJudgementOfAnUnknownTopicOrWithoutYesOrNoIsRefusedWithTheFix() {
		Cli cli = cliWithArticles();

		Cli.Result unknown = cli.run("topics", "judge", "Atlantis", "1", "yes");
		Cli.Result maybe = cli.run("topics", "judge", "Atlantis", "1", "maybe");

		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).contains("no topic named \"Atlantis\"").contains("dispatch topics list");
		assertThat(maybe.exitCode()).isEqualTo(2);
		assertThat(maybe.err()).contains("must be yes or no, not \"maybe\"");
	}

	private static long id(List<Map<String, Object>> articles, String headline) {
		return articles.stream()
			.filter((article) -> ((String) article.get("headline")).startsWith(headline))
			.map((article) -> ((Number) article.get("id")).longValue())
			.findFirst()
			.orElseThrow();
	}

}
