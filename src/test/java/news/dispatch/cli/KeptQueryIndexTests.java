package news.dispatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query index kept in {@code DATA_DIR/query-index}: a topic changed after a run
 * applies from the next one, which finds the index from before and updates it.
 */
@FunctionalTest
class KeptQueryIndexTests {

	static final Path DATA = Path.of(FunctionalTest.SHARED_DATA);

	@Autowired
	Cli cli;

	@Test
	void aTopicChangedAfterARunAppliesFromTheNextRun() throws Exception {
		// given: a topic on the Kremlin, matched when the inbox is ingested
		Path input = DATA.resolve("input");
		Files.createDirectories(input);
		Path topics = input.resolve("topics.yml");
		Files.writeString(topics, "topics:\n  - name: \"Watch\"\n    query: 'kremlin'\n    in: anywhere\n");
		assertThat(this.cli.run("topics", "import", topics.toString()).exitCode()).isZero();
		Path inbox = Fixtures.copy("inbox/", input.resolve("inbox"));
		assertThat(this.cli.run("ingest", "--from", inbox.toString()).exitCode()).isZero();
		assertThat(this.cli.run("articles", "list").out()).contains("Watch");
		assertThat(DATA.resolve("query-index")).isDirectory();

		// when: the topic's query is changed to gales and the articles are matched again
		Files.writeString(topics, "topics:\n  - name: \"Watch\"\n    query: 'gales'\n    in: anywhere\n");
		assertThat(this.cli.run("topics", "import", topics.toString()).exitCode()).isZero();
		assertThat(this.cli.run("ingest", "--from", inbox.toString()).exitCode()).isZero();

		// then: only the storm story is on the topic now
		String listed = this.cli.run("articles", "list").out();
		assertThat(listed.lines().filter((line) -> line.contains("Watch"))).singleElement()
			.asString()
			.contains("Amber warning as storm brings gales");
	}

}
