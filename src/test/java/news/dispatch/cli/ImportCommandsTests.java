package news.dispatch.cli;

import java.nio.file.Path;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.topic.Topics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing topics and subscribers: the valid records are kept, each invalid one is
 * reported with its line and the reason, and the command exits with 2.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/imports", "dispatch.zone=Europe/Vienna" },
		smtp = FunctionalTest.Smtp.EMBEDDED)
class ImportCommandsTests {

	static final Path DATA = Path.of("target/test-data/imports");

	@Autowired
	Cli cli;

	@Autowired
	Topics topics;

	@Autowired
	Subscribers subscribers;

	@Test
	void topicsWithAnInvalidQueryOrNoNameAreRefusedByLineAndTheValidOnesKept() {
		Path file = Fixtures.copy("topics-invalid.yml", DATA.resolve("input"));

		Cli.Result result = this.cli.run("topics", "import", file.toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).containsPattern("[01] added, 0 changed, [01] unchanged, 2 refused");
		assertThat(result.err())
			.contains("topics-invalid.yml line 5: the query of \"Broken Quote\" is invalid at column")
			.contains("topics-invalid.yml line 7: the topic has no name");
		assertThat(this.topics.findByName("russia")).isPresent();
		assertThat(this.topics.findByName("Broken Quote")).isEmpty();
	}

	@Test
	void subscribersWithInvalidFieldsAreRefusedByLineAndTheValidOnesKept() {
		// given: the fixtures' topics; when: the file is imported
		Cli.Result result = importSubscribersOfTheTopics("subscribers-invalid.csv");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).contains("2 added, 0 changed, 0 unchanged, 5 refused");
		assertThat(result.err()).contains("line 3: \"not-an-email\" is not an email address")
			.contains("line 4: the frequency \"hourly\" is not daily, weekly or none")
			.contains("line 5: the time zone \"Mars/Olympus\" is not an IANA zone id")
			.contains("line 6: the send hour \"24\" is not a whole number from 0 to 23")
			.contains("line 7: the line has 9 fields but the header has 7");
		assertThat(this.subscribers.findByEmail("good.one@example.com")).isPresent();
		assertThat(this.subscribers.findByEmail("good.two@example.org")).get()
			.satisfies((s) -> assertThat(s.alerts()).isTrue());
		assertThat(this.subscribers.findByEmail("hourly.hank@example.com")).isEmpty();
	}

	@Test
	void missingOptionalColumnsTakeTheDefaults() {
		// given: the fixtures' topics; when: the file is imported
		Cli.Result result = importSubscribersOfTheTopics("subscribers-minimal.csv");

		assertThat(result.exitCode()).as(result.err()).isZero();
		Subscriber one = this.subscribers.findByEmail("min.one@example.com").orElseThrow();
		assertThat(one.topics()).containsExactlyInAnyOrder("North Korea", "Russia");
		assertThat(one.frequency().label()).isEqualTo("daily");
		assertThat(one.timeZone().getId()).isEqualTo("Europe/Vienna");
		assertThat(one.sendHour()).isEqualTo(7);
		assertThat(one.alerts()).isFalse();
	}

	@Test
	void aFileThatDoesNotExistIsBadInputNamedInOneSentence() {
		Cli.Result result = this.cli.run("subscribers", "import", "no/such/file.csv");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err().strip())
			.isEqualTo("The file no/such/file.csv does not exist; give the path of the file to import.");
	}

	@Test
	void aSubscriberFollowingAnUnknownTopicIsRefusedWithTheFix() throws Exception {
		Path file = DATA.resolve("input/unknown-topic.csv");
		java.nio.file.Files.createDirectories(file.getParent());
		java.nio.file.Files.writeString(file, "email,topics\nreader@example.com,Astronomy\n");

		Cli.Result result = this.cli.run("subscribers", "import", file.toString());

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("line 2: the topic \"Astronomy\" is not in the catalog; import it first");
	}

	/**
	 * Imports the fixtures' topics, then the fixtures' subscriber file of this name.
	 */
	private Cli.Result importSubscribersOfTheTopics(String fixture) {
		this.cli.run("topics", "import", Fixtures.copy("topics.yml", DATA.resolve("input")).toString());
		return this.cli.run("subscribers", "import", Fixtures.copy(fixture, DATA.resolve("input")).toString());
	}

}
