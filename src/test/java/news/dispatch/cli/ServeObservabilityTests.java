package news.dispatch.cli;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import news.dispatch.TestPasswords;
import news.dispatch.run.StepMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code dispatch serve} shows operators over HTTP: health of the database and the
 * SMTP server, and metrics in Prometheus format, jobs and the ledger among them; health
 * for anyone, the rest for the operator's login only.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/serve", "dispatch.operator.username=operator",
				"dispatch.operator.password=" + TestPasswords.S3CRET_FOR_TESTS },
		smtp = FunctionalTest.Smtp.EMBEDDED)
class ServeObservabilityTests {

	@Autowired
	Site site;

	@Autowired
	Cli cli;

	@Autowired
	StepMetrics stepMetrics;

	@Test
	void healthReportsTheDatabaseAndTheSmtpServer() throws Exception {
		HttpResponse<String> health = get("/actuator/health", "operator:s3cret-for-tests");
		HttpResponse<String> anyone = get("/actuator/health", null);

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"db\":{").contains("\"smtp\":{").contains("\"status\":\"UP\"");
		assertThat(anyone.statusCode()).isEqualTo(200);
		assertThat(anyone.body()).contains("\"status\":\"UP\"").doesNotContain("\"db\"").doesNotContain("disk");
	}

	@Test
	void metricsNeedTheOperatorsLogin() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "operator:wrong").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "operator:s3cret-for-tests").statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusMetricsIncludeTheLedgerAndTheJobRuns() throws Exception {
		HttpResponse<String> metrics = get("/actuator/prometheus");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("dispatch_deliveries{status=\"SENT\"}")
			.contains("dispatch_deliveries{status=\"BOUNCED\"}")
			.contains("dispatch_job_runs{job=\"digest\",status=\"FAILED\"}")
			.contains("dispatch_job_last_completed{job=\"ingest\"}");
	}

	@Test
	void prometheusMetricsShowTheStepsOfEachJobsLatestRun() throws Exception {
		Cli.Result ingest = this.cli.run("ingest", "--quiet", "--from",
				Fixtures.copy("inbox/", Path.of("target/test-data/serve/input/inbox")).toString());
		assertThat(ingest.exitCode()).as(ingest.err()).isZero();
		this.stepMetrics.refresh();

		String metrics = get("/actuator/prometheus").body();

		assertThat(metrics)
			.containsPattern(
					"dispatch_step_items\\{job=\"ingest\",kind=\"written\",step=\"ingest-source:001-[^\"]*\"} [1-9]")
			.containsPattern("dispatch_step_duration_seconds\\{job=\"ingest\",step=\"ingest-files\"} \\d")
			.containsPattern("dispatch_step_failed\\{job=\"ingest\",step=\"ingest-files\"} 0");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return get(path, path.startsWith("/actuator/health") ? null : "operator:s3cret-for-tests");
	}

	private HttpResponse<String> get(String path, String credentials) throws Exception {
		return this.site.call("GET", path, null, "Authorization",
				(credentials != null) ? Site.basic(credentials.split(":")[0], credentials.split(":")[1]) : null);
	}

}
