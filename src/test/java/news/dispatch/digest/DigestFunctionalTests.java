package news.dispatch.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.TestMail;
import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest slice end to end, through the command line, against a real SMTP server:
 * articles in from a folder, topics matched, one digest per subscriber with something
 * new, and nothing more when the edition runs again.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/digest-functional" })
@Tag("postgres")
class DigestFunctionalTests {

	static final Path DATA = Path.of("target/test-data/digest-functional");

	static final LocalDate EDITION = LocalDate.now(ZoneOffset.UTC);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// weekly subscribers are due on the edition's weekday, so this edition includes
		// them
		registry.add("dispatch.digest.weekly-day", () -> EDITION.getDayOfWeek().name());
	}

	@Autowired
	Cli cli;

	@Autowired
	Articles articles;

	@Test
	void ingestThenDigestSendsOneDigestToEachSubscriberWithNewMatchesAndNothingTwice() throws Exception {
		// given: topics, subscribers and an inbox with articles, a duplicate and unusable
		// files
		Path input = DATA.resolve("input");
		Path topics = Fixtures.copy("topics.yml", input);
		Path subscribers = Fixtures.copy("subscribers.csv", input);
		Path inbox = Fixtures.copy("inbox/", input.resolve("inbox"));
		Files.write(inbox.resolve("photo.jpg"),
				new byte[] { (byte) 0xFF, (byte) 0xD8, 0, 0, 0x10, 'J', 'F', 'I', 'F' });
		assertThat(this.cli.run("topics", "import", topics.toString()).exitCode()).isZero();
		assertThat(this.cli.run("subscribers", "import", subscribers.toString()).exitCode()).isZero();

		// when: the inbox is ingested
		Cli.Result ingest = this.cli.run("ingest", "--from", inbox.toString());

		// then: four stories stored once each; the copy is a duplicate; the unusable
		// files are named with why
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		assertThat(ingest.out()).contains("Fetched 8 items").contains("4 new, 1 duplicate, 3 refused");
		assertThat(ingest.out()).containsPattern("refused empty.txt: the file has no text")
			.containsPattern("refused blank.txt: the file has no text")
			.containsPattern("refused photo.jpg: the file is binary");
		assertThat(this.articles.count()).isEqualTo(4);
		Article summit = this.articles.publishedSince(java.time.Instant.EPOCH, 10)
			.stream()
			.filter((article) -> article.headline().startsWith("Putin and Kim Jong Un"))
			.findFirst()
			.orElseThrow();
		assertThat(summit.body()).doesNotContain("Leave a Reply")
			.doesNotContain("Your email address will not be published")
			.doesNotContain("•")
			.doesNotContainPattern("(?i)a (map|picture|photo) showing");

		// when: the edition is sent
		Cli.Result digest = this.cli.run("digest", "--date", EDITION.toString());

		// then: one message to each subscriber whose topics matched, none to the one
		// following Cricket
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		assertThat(digest.out()).contains("4 sent, 0 to retry, 0 bounced, 0 failed, 0 pending");
		List<MimeMessage> received = TestMail.received();
		Map<String, MimeMessage> byRecipient = received.stream()
			.collect(Collectors.toMap(TestMail::recipient, Function.identity()));
		assertThat(byRecipient).containsOnlyKeys("ana.kovac@example.com", "ben.adeyemi@example.org",
				"chloe.martin@example.com", "dev.sharma@example.org");

		MimeMessage ana = byRecipient.get("ana.kovac@example.com");
		String shortDate = EDITION.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK));
		assertThat(ana.getSubject()).startsWith("Your Dispatch for " + shortDate + ": ")
			.contains("Russia")
			.contains("North Korea");
		assertThat(ana.getContentType()).startsWith("multipart/alternative");
		String text = part(ana, "text/plain");
		String html = part(ana, "text/html");
		assertThat(ana.getHeader("Message-ID")[0])
			.matches("<digest\\." + EDITION + "\\.\\d+@dispatch\\.example\\.com>");
		assertThat(ana.getHeader("List-Unsubscribe")[0]).startsWith("<https://").contains("unsubscribe?token=");
		assertThat(ana.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(ana.getHeader("Date")).isNotNull();
		assertThat(text).contains("Hello Ana Kovač").contains("Putin and Kim Jong Un sign defence pact");
		assertThat(html).contains("Putin and Kim Jong Un sign defence pact").contains("<mark");
		// the summit matches both of Ana's topics and is listed once
		assertThat(occurrences(text, "Putin and Kim Jong Un sign defence pact")).isEqualTo(1);
		for (String body : List.of(text, html)) {
			assertThat(body).doesNotContain("Leave a Reply").doesNotContain("will not be published");
		}

		MimeMessage chloe = byRecipient.get("chloe.martin@example.com");
		String chloeText = part(chloe, "text/plain");
		assertThat(chloe.getSubject()).endsWith(": Russia");
		assertThat(chloeText.substring(chloeText.indexOf("RUSSIA"))).contains("Putin and Kim Jong Un sign defence pact")
			.contains("Russian gas exports to Asia rise");
		assertThat(chloeText).doesNotContain("Ten-man Ashbourne");

		MimeMessage ben = byRecipient.get("ben.adeyemi@example.org");
		assertThat(part(ben, "text/plain")).contains("FOOTBALL")
			.contains("Ten-man Ashbourne")
			.doesNotContain("Putin")
			.doesNotContain("Amber warning");

		// when: the same edition runs again
		Cli.Result again = this.cli.run("digest", "--date", EDITION.toString());

		// then: nothing more is sent
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("already sent");
		assertThat(TestMail.received()).hasSize(4);

		// and the run is visible to operators
		Cli.Result jobs = this.cli.run("jobs", "list", "--json");
		assertThat(jobs.out()).contains("\"job\" : \"digest\"").contains("\"edition\" : \"" + EDITION + "\"");
	}

	private static String part(MimeMessage message, String type) throws MessagingException, IOException {
		assertThat(TestMail.contentType(message, type)).containsIgnoringCase("charset=UTF-8");
		return TestMail.part(message, type);
	}

	private static int occurrences(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			count++;
		}
		return count;
	}

}
