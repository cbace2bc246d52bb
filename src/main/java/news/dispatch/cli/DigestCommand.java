package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.delivery.Deliveries;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.MailServer;
import news.dispatch.digest.DigestJob;
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

	@Mixin
	private QuietOption quiet = new QuietOption();

	@Option(names = "--date", paramLabel = "YYYY-MM-DD",
			description = "The edition date (default: today in dispatch.zone).")
	private LocalDate date;

	private final Job digestJob;

	private final JobRuns runs;

	private final Deliveries deliveries;

	private final MailServer mailServer;

	private final DispatchSettings settings;

	DigestCommand(@Qualifier("digestJob") Job digestJob, JobRuns runs, Deliveries deliveries, MailServer mailServer,
			DispatchSettings settings) {
		this.digestJob = digestJob;
		this.runs = runs;
		this.deliveries = deliveries;
		this.mailServer = mailServer;
		this.settings = settings;
	}

	@Override
	public Integer call() {
		LocalDate edition = (this.date != null) ? this.date : LocalDate.now(this.settings.zone());
		return send(this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), edition, this.quiet.quiet);
	}

	int send(PrintWriter out, PrintWriter err, LocalDate edition, boolean quiet) {
		JobRuns.Run run = this.runs.run(this.digestJob, DigestJob.parameters(edition), quiet);
		Map<DeliveryStatus, Long> counts = this.deliveries.counts(DigestJob.KIND, edition.toString());
		if (!run.started()) {
			out.printf("The %s edition was already sent completely (run %d); nothing new to send.%n", edition,
					run.execution().getId());
		}
		else {
			out.printf("Digest edition %s (run %d): %d sent, %d to retry, %d bounced, %d failed, %d pending.%n",
					edition, run.execution().getId(), counts.get(DeliveryStatus.SENT), counts.get(DeliveryStatus.RETRY),
					counts.get(DeliveryStatus.BOUNCED), counts.get(DeliveryStatus.FAILED),
					counts.get(DeliveryStatus.PENDING));
			if (run.completed() && this.mailServer.isEmbedded()) {
				out.printf("Mail went to %s.%n", this.mailServer.describe());
			}
		}
		return run.completed() ? CommandLineInterface.DONE : JobRuns.reportUnfinished(err, run.execution());
	}

}
