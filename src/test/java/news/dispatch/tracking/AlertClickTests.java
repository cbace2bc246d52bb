package news.dispatch.tracking;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestMail;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert's link goes through {@code /r/...} as a digest's does and is counted under the
 * alert; a reader who turned tracking off gets the story's own address.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/alert-clicks",
				"dispatch.site.url=https://news.example/dispatch", "dispatch.alert.quiet-from=",
				"dispatch.alert.quiet-until=" })
class AlertClickTests {

	static final Path DATA = Path.of("target/test-data/alert-clicks");

	static final Pattern LINK = Pattern.compile("https://news\\.example/dispatch(/r/[A-Za-z0-9_.-]+)");

	@Autowired
	Cli cli;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAlertsLinkIsCountedUnderTheAlert(@Autowired Site site) throws Exception {
		// given: two readers with alerts on, one of whom turned tracking off
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("Harbour", "harbour")
			.columns("email,topics,alerts")
			.subscriber("ana@example.com", "Harbour", "true")
			.subscriber("ben@example.com", "Harbour", "true")
			.story("Harbour fees rise", "https://paper.example/harbour-fees",
					"The harbour authority raised its fees on Monday for every ship that docks in the harbour.")
			.load();
		this.jdbc.sql("update subscriber set link_tracking = false where email = 'ben@example.com'").update();
		long article = this.jdbc.sql("select id from article").query(Long.class).single();

		// when: the story is alerted
		Cli.Result alert = this.cli.run("alert", "--article", Long.toString(article));
		assertThat(alert.exitCode()).as(alert.err()).isZero();

		// then: ana's alert links through /r/, in both parts, ben's to the story itself
		String anas = TestMail.part(TestMail.awaitReceived("ana@example.com", 1).get(0), "text/html");
		String anasText = TestMail.part(TestMail.awaitReceived("ana@example.com", 1).get(0), "text/plain");
		String bens = TestMail.part(TestMail.awaitReceived("ben@example.com", 1).get(0), "text/html");
		assertThat(anas).doesNotContain("paper.example/harbour-fees");
		assertThat(anasText).doesNotContain("paper.example/harbour-fees");
		assertThat(bens).contains("https://paper.example/harbour-fees").doesNotContain("/r/");
		Matcher link = LINK.matcher(anas);
		assertThat(link.find()).isTrue();
		assertThat(LINK.matcher(anasText).find()).isTrue();

		// and: clicked by ana later, it leads to the story and is counted under the alert
		OffsetDateTime sent = this.jdbc.sql("select min(sent_at) from delivery").query(OffsetDateTime.class).single();
		this.jdbc.sql("update delivery set sent_at = ?").param(sent.minusMinutes(2)).update();
		HttpResponse<String> click = site.call("GET", link.group(1), null, "User-Agent",
				"Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0");
		assertThat(click.statusCode()).isEqualTo(302);
		assertThat(click.headers().firstValue("Location")).hasValue("https://paper.example/harbour-fees");
		assertThat(this.jdbc.sql("select kind, edition_key, article_id from link_click where bot is null")
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3))
			.list()).containsExactly("alert " + article + " " + article);
		Cli.Result stats = this.cli.run("stats", "alert", Long.toString(article), "--json");
		assertThat(stats.exitCode()).as(stats.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(stats.out());
		assertThat(json.get("alert").asLong()).as(stats.out()).isEqualTo(article);
		assertThat(json.get("readers").asLong()).as(stats.out()).isEqualTo(1);
		assertThat(json.get("stories").get("Harbour fees rise").asLong()).as(stats.out()).isEqualTo(1);
		assertThat(this.cli.run("stats", "alert", Long.toString(article)).out())
			.contains("Alert on story " + article + ": 1 clicks by readers, 0 by link scanners")
			.contains("Harbour fees rise");
	}

}
