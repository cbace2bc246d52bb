package news.dispatch.digest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import news.dispatch.subscriber.Subscribers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribers' own keywords end to end: imported with the subscribers (an invalid query
 * refused with its line and column), matched with the topics, and listed in the digest in
 * a section of their own with the passage that matched.
 */
@FunctionalTest
@Tag("postgres")
class KeywordDigestFunctionalTests {

	static final Path DATA = Path.of(FunctionalTest.SHARED_DATA);

	static final LocalDate EDITION = LocalDate.now(ZoneOffset.UTC);

	@Autowired
	Cli cli;

	@Autowired
	Subscribers subscribers;

	@Test
	void keywordMatchesGoIntoTheirSubscribersDigestUnderYourKeywords() throws Exception {
		// given: topics, subscribers with keywords (one of them invalid) and an inbox
		Path input = DATA.resolve("input");
		Path topics = Fixtures.copy("topics.yml", input);
		Path subscriberFile = Fixtures.copy("subscribers-keywords.csv", input);
		Path inbox = Fixtures.copy("inbox/", input.resolve("inbox"));
		assertThat(this.cli.run("topics", "import", topics.toString()).exitCode()).isZero();

		// when: the subscribers are imported
		Cli.Result imported = this.cli.run("subscribers", "import", subscriberFile.toString());

		// then: the invalid keyword query is refused with its line, column and reason;
		// the
		// others are stored
		assertThat(imported.exitCode()).isEqualTo(2);
		assertThat(imported.err()).contains("line 4")
			.contains("'(storm OR rain' are not a valid query at column 1")
			.contains("parenthesis");
		assertThat(this.subscribers.findByEmail("fay.osei@example.com").orElseThrow().keywords())
			.isEqualTo("storm OR gales");
		assertThat(this.subscribers.findByEmail("hal.berg@example.com")).isEmpty();

		// when: the inbox is ingested and the edition sent
		assertThat(this.cli.run("ingest", "--from", inbox.toString()).exitCode()).isZero();
		Cli.Result digest = this.cli.run("digest", "--date", EDITION.toString());

		// then: Fay (keywords only) and Gus (a topic and keywords) get a digest; Ida's
		// keyword appears once, in passing, so she gets none
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		Map<String, MimeMessage> byRecipient = TestMail.received()
			.stream()
			.collect(Collectors.toMap(TestMail::recipient, Function.identity()));
		assertThat(byRecipient).containsOnlyKeys("fay.osei@example.com", "gus.lind@example.org");

		MimeMessage fay = byRecipient.get("fay.osei@example.com");
		String fayText = TestMail.part(fay, "text/plain");
		assertThat(fay.getSubject()).endsWith(": Your keywords");
		assertThat(fayText).contains("YOUR KEYWORDS").contains("Amber warning as storm brings gales");
		assertThat(fayText.substring(fayText.indexOf("Why you got this"))).containsPattern("\\*(storm|gales)\\*");
		assertThat(TestMail.part(fay, "text/html")).contains("Your keywords")
			.containsPattern("<mark[^>]*>(storm|gales)</mark>");

		String gusText = TestMail.part(byRecipient.get("gus.lind@example.org"), "text/plain");
		assertThat(gusText).contains("FOOTBALL").contains("YOUR KEYWORDS");
		assertThat(gusText.substring(gusText.indexOf("YOUR KEYWORDS"))).contains("Russian gas exports to Asia rise")
			.containsPattern("\\*(natural gas|pipeline)\\*");
	}

}
