package news.dispatch.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import news.dispatch.Cli;
import news.dispatch.FaultySmtpServer;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.article.Articles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The priority lane: an alert triggered while a digest edition is being sent, against a
 * slow SMTP server, goes out first. The digest sends over one connection; the alert has
 * two connections of its own; while alert rows wait in the ledger, the digest's
 * connection pauses before its next message, so only what it had in hand before it saw
 * them (a few messages at most) goes out beside the alert, and the digest finishes
 * afterwards.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/alert-priority", "dispatch.digest.chunk-size=4",
		"dispatch.sending.connections=1", "dispatch.alert.connections=2", "dispatch.alert.chunk-size=10",
		"dispatch.alert.quiet-from=", "dispatch.alert.quiet-until=", "dispatch.alert.daily-cap=0",
		"dispatch.sending.priority.check-interval=100ms" }, smtp = FunctionalTest.Smtp.OWN)
class AlertPriorityTests {

	static final Path DATA = Path.of("target/test-data/alert-priority");

	static final int READERS = 60;

	static final int ALERTED = 24;

	@RegisterExtension
	static final FaultySmtpServer server = FaultySmtpServer.start().latency(40);

	@Autowired
	Cli cli;

	@Autowired
	Articles articles;

	@Test
	void anAlertStartedWhileADigestIsSendingGoesOutFirstAndTheDigestFinishesAfter() throws Exception {
		// given: 60 readers of Russia, 24 of them with alerts on, and the day's articles
		Path input = DATA.resolve("input");
		this.cli.run("topics", "import", Fixtures.copy("topics.yml", input).toString());
		List<String> lines = new ArrayList<>(List.of("email,name,topics,frequency,timezone,send_hour,alerts"));
		for (int i = 0; i < READERS; i++) {
			lines.add("reader" + i + "@example.com,Reader " + i + ",Russia,daily,UTC,7," + (i % 5 < 2));
		}
		Path readers = input.resolve("readers.csv");
		Files.write(readers, lines);
		assertThat(this.cli.run("subscribers", "import", readers.toString()).exitCode()).isZero();
		this.cli.run("ingest", "--quiet", "--from", Fixtures.copy("inbox/", input.resolve("inbox")).toString());
		long gas = Newsroom.articleId(this.articles, "Russian gas exports");

		// when: the edition is being sent (one connection, 40 ms a message: about 2.5 s)
		CompletableFuture<Cli.Result> digest = CompletableFuture
			.supplyAsync(() -> this.cli.run("digest", "--quiet", "--date", LocalDate.now(ZoneOffset.UTC).toString()));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (count("<digest.") < 8 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(count("<digest.")).as("digests sent before the alert").isBetween(8L, (long) READERS / 2);
		// and an alert is triggered
		Cli.Result alert = this.cli.run("alert", "--quiet", "--article", Long.toString(gas));
		Cli.Result sent = digest.get(2, TimeUnit.MINUTES);

		// then: every alert was accepted before the digest went on: only the messages the
		// digest had in hand when the alert's rows were planned went out beside them
		assertThat(alert.exitCode()).as(alert.err()).isZero();
		assertThat(alert.out()).contains(ALERTED + " sent");
		assertThat(sent.exitCode()).as(sent.err()).isZero();
		assertThat(sent.out()).contains(READERS + " sent");
		List<String> ids = server.messageIds();
		int firstAlert = firstIndex(ids, "<alert.");
		int lastAlert = lastIndex(ids, "<alert.");
		long digestsBeside = ids.subList(firstAlert, lastAlert + 1)
			.stream()
			.filter((id) -> id.startsWith("<digest."))
			.count();
		assertThat(digestsBeside).as("digests sent while the alert was going out").isLessThanOrEqualTo(4);
		assertThat(lastIndex(ids, "<digest.")).as("the digest finishes after the alert").isGreaterThan(lastAlert);
		assertThat(ids.stream().filter((id) -> id.startsWith("<alert.")).count()).isEqualTo(ALERTED);
	}

	private static long count(String prefix) {
		return server.messageIds().stream().filter((id) -> id != null && id.startsWith(prefix)).count();
	}

	private static int firstIndex(List<String> ids, String prefix) {
		for (int i = 0; i < ids.size(); i++) {
			if (ids.get(i).startsWith(prefix)) {
				return i;
			}
		}
		throw new AssertionError("no " + prefix + " message among " + ids);
	}

	private static int lastIndex(List<String> ids, String prefix) {
		for (int i = ids.size() - 1; i >= 0; i--) {
			if (ids.get(i).startsWith(prefix)) {
				return i;
			}
		}
		throw new AssertionError("no " + prefix + " message among " + ids);
	}

}
