package news.dispatch.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.alert.AlertJob;
import news.dispatch.alert.AlertSettings;
import news.dispatch.alert.Alerts;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.run.JobRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * {@code dispatch alert}: send a breaking-news alert for one article, or see its audience
 * and the alert first with {@code --dry-run}.
 */
@Command(name = "alert", mixinStandardHelpOptions = true,
		description = "Send a breaking-news alert for one article to the readers who follow its topics (or whose"
				+ " keywords match it) and accept alerts, ahead of any digest being sent. Readers over their daily"
				+ " cap or in their quiet hours get the story in their next digest instead. An article is alerted"
				+ " once: a second time sends nothing and exits with 2.")
class AlertCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--article", paramLabel = "ID", required = true,
			description = "The article's id (see dispatch articles list).")
	private long article;

	@Option(names = "--dry-run",
			description = "Show the matched topics, the audience and the alert for one reader; send nothing.")
	private boolean dryRun;

	@Option(names = "--headline", paramLabel = "TEXT", description = "A headline to use instead of the article's.")
	private String headline;

	@Option(names = "--note", paramLabel = "TEXT", description = "A note from the editor, shown above the story.")
	private String note;

	@Option(names = "--json", description = "With --dry-run: print the preview as JSON.")
	private boolean json;

	@Mixin
	private QuietOption quiet = new QuietOption();

	private final Alerts alerts;

	private final Job alertJob;

	private final JobRuns runs;

	private final EditionTotals totals;

	private final AlertSettings settings;

	AlertCommand(Alerts alerts, @Qualifier("alertJob") Job alertJob, JobRuns runs, EditionTotals totals,
			AlertSettings settings) {
		this.alerts = alerts;
		this.alertJob = alertJob;
		this.runs = runs;
		this.totals = totals;
		this.settings = settings;
	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.dryRun) {
			Alerts.Preview preview = this.alerts.preview(this.article, this.headline, this.note);
			if (this.json) {
				Json.print(out, preview);
			}
			else {
				printPreview(out, preview);
			}
			return CommandLineInterface.DONE;
		}
		this.alerts.prepare(this.article, this.headline, this.note, "cli:" + System.getProperty("user.name", "?"));
		JobRuns.Run run = this.runs.run(this.alertJob, AlertJob.parameters(this.article), this.quiet.quiet);
		if (!run.started()) {
			this.spec.commandLine()
				.getErr()
				.printf("The alert for article %d was already sent (run %d); nothing new was sent.%n", this.article,
						run.execution().getId());
			return CommandLineInterface.BAD_INPUT;
		}
		Map<DeliveryStatus, Long> counts = this.totals.counts(LedgerKey.alert(this.article));
		out.printf(
				"Alert for article %d (run %d): %d sent, %d held for quiet hours, %d over the daily cap of %d,"
						+ " %d to retry, %d bounced, %d failed, %d pending.%n",
				this.article, run.execution().getId(), counts.get(DeliveryStatus.SENT), counts.get(DeliveryStatus.HELD),
				counts.get(DeliveryStatus.CAPPED), this.settings.dailyCap(), counts.get(DeliveryStatus.RETRY),
				counts.get(DeliveryStatus.BOUNCED), counts.get(DeliveryStatus.FAILED),
				counts.get(DeliveryStatus.PENDING));
		if (counts.get(DeliveryStatus.HELD) + counts.get(DeliveryStatus.CAPPED) > 0) {
			out.println("Readers held or over the cap get the story in their next digest.");
		}
		return run.completed() ? CommandLineInterface.DONE
				: JobRuns.reportUnfinished(this.spec.commandLine().getErr(), run.execution());
	}

	private void printPreview(PrintWriter out, Alerts.Preview preview) {
		out.printf("Article %d: %s%n", preview.articleId(), preview.headline());
		out.printf("Matched topics: %s; readers' own keywords: %d%n",
				preview.topics().isEmpty() ? "none" : String.join(", ", preview.topics()), preview.keywordMatches());
		out.printf(
				"Audience: %d now; %d held for quiet hours (%s–%s in their zone), %d over the daily cap of %d;"
						+ " those get it in their next digest.%n",
				preview.audience(), preview.held(), this.settings.quietFrom(), this.settings.quietUntil(),
				preview.capped(), this.settings.dailyCap());
		if (preview.sentRun() != null) {
			out.printf("Already sent by run %d: sending again would send nothing.%n", preview.sentRun());
		}
		if (preview.sample() != null) {
			out.printf(
					"%nThe alert as a sample reader (%s) would get it, its links doing nothing:%nSubject: %s%n%n%s%n",
					preview.sample().email(), preview.sample().subject(), preview.sample().text().strip());
		}
		else {
			out.println("Nobody would get this alert now.");
		}
		out.println("Dry run: nothing was sent.");
	}

}
