package news.dispatch.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs commands on a real H2 file repository: listing with filters, the JSON shapes
 * scripts rely on, and what each command refuses, in one sentence with exit 2.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/jobs-commands", "dispatch.mail.connect-timeout=1s",
		"dispatch.digest.lookback-days=100000" }, smtp = FunctionalTest.Smtp.DOWN)
@Tag("postgres")
class JobsCommandsTests {

	static final Path DATA = Path.of("target/test-data/jobs-commands");

	@Autowired
	Cli cli;

	@Test
	void aFailedRunIsListedShownAbandonedAndThenRefusesToRestart() {
		// given: a digest run that failed because no SMTP server listens
		this.cli.importNewsroom(DATA.resolve("input"));
		Cli.Result failed = this.cli.run("digest", "--date", "2032-05-03", "--quiet");
		assertThat(failed.exitCode()).isEqualTo(1);
		String id = runId(failed.err());

		// when / then: listing with filters and the JSON keys
		assertThat(this.cli.run("jobs", "list", "--status", "FAILED").out()).contains(id + "  digest   FAILED")
			.doesNotContain("COMPLETED");
		assertThat(this.cli.run("jobs", "list", "--job", "ingest").out()).contains("ingest").doesNotContain("digest");
		String list = this.cli.run("jobs", "list", "--json").out();
		assertThat(list).contains("\"id\"", "\"job\"", "\"status\"", "\"exitCode\"", "\"startTime\"", "\"endTime\"",
				"\"parameters\"");
		String show = this.cli.run("jobs", "show", id, "--json").out();
		assertThat(show)
			.contains("\"steps\"", "\"name\" : \"send-digests\"", "\"read\"", "\"write\"", "\"skip\"", "\"commit\"",
					"\"deliveries\"", "\"PENDING\" : 4", "\"SENT\" : 0")
			.contains("\"failure\" : \"Cannot connect to the SMTP server");

		// when / then: a failed run cannot be stopped or recovered, only restarted or
		// abandoned
		Cli.Result stop = this.cli.run("jobs", "stop", id);
		assertThat(stop.exitCode()).isEqualTo(2);
		assertThat(stop.err()).contains("is not running (it is FAILED); there is nothing to stop.");
		Cli.Result recover = this.cli.run("jobs", "recover", id);
		assertThat(recover.exitCode()).isEqualTo(2);
		assertThat(recover.err()).contains("is FAILED, not left running; there is nothing to recover. Restart it with");
		Cli.Result abandon = this.cli.run("jobs", "abandon", id);
		assertThat(abandon.exitCode()).as(abandon.err()).isZero();
		assertThat(this.cli.run("jobs", "show", id).out()).contains("ABANDONED");
		Cli.Result restart = this.cli.run("jobs", "restart", id);
		assertThat(restart.exitCode()).isEqualTo(2);
		assertThat(restart.err()).contains("Run " + id + " cannot be restarted: it is ABANDONED");
	}

	@Test
	void unknownIdsAndBadValuesAreBadInputInOneSentence() {

		Cli.Result unknown = this.cli.run("jobs", "show", "424242");
		Cli.Result badDate = this.cli.run("digest", "--date", "30/11/2026");
		Cli.Result badOption = this.cli.run("jobs", "list", "--colour");

		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err().strip()).isEqualTo("There is no run 424242; see dispatch jobs list for the ids.");
		assertThat(badDate.exitCode()).isEqualTo(2);
		assertThat(badDate.err().strip()).isEqualTo(
				"--date: \"30/11/2026\" is not a date in the form YYYY-MM-DD, like 2026-11-30; see dispatch digest --help.");
		assertThat(badOption.exitCode()).isEqualTo(2);
		assertThat(badOption.err().strip()).isEqualTo("Unknown option: '--colour'; see dispatch jobs list --help.");
	}

	private static String runId(String text) {
		Matcher matcher = Pattern.compile("dispatch jobs restart (\\d+)").matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return matcher.group(1);
	}

}
