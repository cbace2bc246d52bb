package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.MailServer;
import news.dispatch.delivery.SendingConnections;
import news.dispatch.digest.DigestJob;
import news.dispatch.run.JobRuns;
import news.dispatch.system.DispatchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code dispatch digest}: run one digest edition.
 */
@Component
@Scope("prototype")
@Command(name = "digest", mixinStandardHelpOptions = true,
		description = "Run one digest edition: every daily subscriber (and weekly ones on their day) with something"
				+ " new on their topics gets one email. Running an edition again sends nothing twice.")
class DigestCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--date", paramLabel = "YYYY-MM-DD",
			description = "The edition date (default: today in dispatch.zone, by dispatch.clock). Every subscriber due"
					+ " that day gets it now, whatever their send hour.")
	private LocalDate date;

	@Mixin
	private QuietOption quiet = new QuietOption();

	@Option(names = "--retry-failed",
			description = "Send the edition's messages left to retry (refused for now by the server) again,"
					+ " after its run has ended.")
	private boolean retryFailed;

	private final Job digestJob;

	private final Job digestRetryJob;

	private final JobRuns runs;

	private final EditionTotals totals;

	private final MailServer mailServer;

	private final DispatchSettings settings;

	private final Clock clock;

	DigestCommand(@Qualifier("digestJob") Job digestJob, @Qualifier("digestRetryJob") Job digestRetryJob, JobRuns runs,
			EditionTotals totals, MailServer mailServer, DispatchSettings settings, Clock clock) {
		this.clock = clock;
		this.digestJob = digestJob;
		this.digestRetryJob = digestRetryJob;
		this.runs = runs;
		this.totals = totals;
		this.mailServer = mailServer;
		this.settings = settings;
	}

	@Override
	public Integer call() {
		LocalDate edition = (this.date != null) ? this.date : LocalDate.now(this.clock.withZone(this.settings.zone()));
		if (this.retryFailed) {
			return retry(this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), edition);
		}
		return send(this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), edition, this.quiet.quiet);
	}

	private int retry(PrintWriter out, PrintWriter err, LocalDate edition) {
		Map<DeliveryStatus, Long> before = this.totals.counts(LedgerKey.edition(edition));
		long unsent = before.get(DeliveryStatus.RETRY) + before.get(DeliveryStatus.PENDING);
		if (unsent == 0) {
			out.printf("The %s edition has nothing to retry (%d sent, %d bounced, %d failed).%n", edition,
					before.get(DeliveryStatus.SENT), before.get(DeliveryStatus.BOUNCED),
					before.get(DeliveryStatus.FAILED));
			return CommandLineInterface.DONE;
		}
		this.runs.requireEnded(this.digestJob, DigestJob.parameters(edition));
		JobRuns.Run run = this.runs.run(this.digestRetryJob, DigestJob.retryParameters(edition), this.quiet.quiet);
		report(out, "Retry of digest edition", edition, run);
		return run.completed() ? CommandLineInterface.DONE : JobRuns.reportUnfinished(err, run.execution());
	}

	private void report(PrintWriter out, String what, LocalDate edition, JobRuns.Run run) {
		Map<DeliveryStatus, Long> counts = this.totals.counts(LedgerKey.edition(edition));
		out.printf("%s %s (run %d): %d sent, %d to retry, %d bounced, %d failed, %d pending.%n", what, edition,
				run.execution().getId(), counts.get(DeliveryStatus.SENT), counts.get(DeliveryStatus.RETRY),
				counts.get(DeliveryStatus.BOUNCED), counts.get(DeliveryStatus.FAILED),
				counts.get(DeliveryStatus.PENDING));
		run.execution()
			.getStepExecutions()
			.stream()
			.map((step) -> step.getExecutionContext().getString(SendingConnections.WHY, ""))
			.filter((why) -> !why.isEmpty())
			.forEach(out::println);
		long inDoubt = this.totals.inDoubt(LedgerKey.edition(edition));
		if (inDoubt > 0) {
			out.printf("%d message(s) were in flight when a run or a worker died and were sent again: they may have"
					+ " arrived twice, with the same Message-ID.%n", inDoubt);
		}
		if (counts.get(DeliveryStatus.RETRY) > 0) {
			out.printf("Send them again later with: dispatch digest --date %s --retry-failed%n", edition);
		}
	}

	int send(PrintWriter out, PrintWriter err, LocalDate edition, boolean quiet) {
		JobRuns.Run run = this.runs.run(this.digestJob, DigestJob.parameters(edition), quiet);
		if (!run.started()) {
			out.printf("The %s edition was already sent completely (run %d); nothing new to send.%n", edition,
					run.execution().getId());
		}
		else {
			report(out, "Digest edition", edition, run);
			if (run.completed() && this.mailServer.isEmbedded()) {
				out.printf("Mail went to %s.%n", this.mailServer.describe());
			}
		}
		return run.completed() ? CommandLineInterface.DONE : JobRuns.reportUnfinished(err, run.execution());
	}

}
