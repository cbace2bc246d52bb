package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestMail;
import news.dispatch.subscriber.Subscriber;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader turns link tracking off on their own page: their digest carries the stories'
 * own addresses while another reader's still goes through {@code /r/...}; turned on
 * again, theirs does too.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"dispatch.data-dir=target/test-data/reader-link-tracking", "dispatch.site.url=https://news.example/dispatch" })
class ReaderLinkTrackingTests {

	static final Path DATA = Path.of("target/test-data/reader-link-tracking");

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Test
	void aReaderWhoTurnsTrackingOffGetsTheStoriesOwnAddresses() throws Exception {
		// given: two readers of the same topic and a story with its address
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("Harbour", "harbour")
			.subscriber("ana@example.com", "Harbour")
			.subscriber("ben@example.com", "Harbour")
			.story("Harbour fees rise", "https://paper.example/harbour-fees",
					"The harbour authority raised its fees on Monday for every ship that docks in the harbour.")
			.load();
		Subscriber ben = this.site.reader("ben@example.com");
		assertThat(ben.linkTracking()).isTrue();

		// when: ben ticks the box on his preferences page
		Site.Client reader = this.site.browser();
		String page = this.site.preferencesPage(ben.id());
		HttpResponse<String> shown = reader.get(page);
		assertThat(shown.body()).contains("name=\"untracked\" value=\"true\">");
		HttpResponse<String> saved = reader.submit(page, "/preferences", choices(page, true));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(saved.body()).contains("Your preferences are saved")
			.contains("name=\"untracked\" value=\"true\" checked>");
		assertThat(this.site.reader(ben.id()).linkTracking()).isFalse();

		// then: his digest links to the story itself, ana's through /r/
		String date = LocalDate.now(ZoneOffset.UTC).toString();
		assertThat(this.cli.run("digest", "--date", date, "--quiet").exitCode()).isZero();
		String bens = TestMail.part(TestMail.awaitReceived("ben@example.com", 1).get(0), "text/html");
		String anas = TestMail.part(TestMail.awaitReceived("ana@example.com", 1).get(0), "text/html");
		assertThat(bens).contains("href=\"https://paper.example/harbour-fees\"").doesNotContain("/r/");
		assertThat(anas).contains("https://news.example/dispatch/r/").doesNotContain("paper.example/harbour-fees\"");

		// and: unticked again, he is counted again
		HttpResponse<String> again = reader.submit(page, "/preferences", choices(page, false));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(this.site.reader(ben.id()).linkTracking()).isTrue();
	}

	private static Map<String, Object> choices(String page, boolean untracked) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("token", Site.token(page));
		fields.put("topics", List.of("Harbour"));
		fields.put("frequency", "DAILY");
		fields.put("sendHour", "7");
		fields.put("timeZone", "UTC");
		if (untracked) {
			fields.put("untracked", "true");
		}
		return fields;
	}

}
