package news.dispatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import news.dispatch.article.IngestJob;
import news.dispatch.article.IngestSettings;
import news.dispatch.article.Refusals;
import news.dispatch.system.DispatchSettings;
import news.dispatch.system.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code dispatch ingest}: take in new articles now.
 */
@Component
@Scope("prototype")
@Command(name = "ingest", mixinStandardHelpOptions = true,
		description = "Ingest new articles now from folders of article files (default: dispatch.ingest.folders in"
				+ " jobs/ingest/job.yml, else DATA_DIR/inbox).")
class IngestCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private QuietOption quiet = new QuietOption();

	@Option(names = "--from", paramLabel = "DIR", description = "A folder of article files; repeat for several.")
	private List<Path> from = new ArrayList<>();

	private final Job ingestJob;

	private final JobRuns runs;

	private final Refusals refusals;

	private final DispatchSettings settings;

	private final IngestSettings ingestSettings;

	IngestCommand(@Qualifier("ingestJob") Job ingestJob, JobRuns runs, Refusals refusals, DispatchSettings settings,
			IngestSettings ingestSettings) {
		this.ingestJob = ingestJob;
		this.ingestSettings = ingestSettings;
		this.runs = runs;
		this.refusals = refusals;
		this.settings = settings;
	}

	@Override
	public Integer call() {
		List<Path> folders = !this.from.isEmpty() ? this.from : !this.ingestSettings.folders().isEmpty()
				? this.ingestSettings.folders() : List.of(this.settings.inboxDir());
		for (Path folder : folders) {
			if (!Files.isDirectory(folder)) {
				throw new InvalidInputException("The folder " + folder + " does not exist or is not a folder;"
						+ " give a folder of article files with --from DIR.");
			}
		}
		return ingest(this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), folders, this.quiet.quiet);
	}

	int ingest(PrintWriter out, PrintWriter err, List<Path> folders, boolean quiet) {
		JobRuns.Run run = this.runs.run(this.ingestJob, IngestJob.parameters(folders, Instant.now()), quiet);
		StepExecution step = run.step(IngestJob.INGEST_STEP);
		if (step != null) {
			out.printf("Ingested %d files from %s: %d new, %d duplicate, %d refused.%n", step.getReadCount(),
					String.join(", ", folders.stream().map(Path::toString).toList()), step.getWriteCount(),
					step.getFilterCount(), step.getSkipCount());
			for (Refusals.Refusal refusal : this.refusals.ofRun(run.execution().getId())) {
				out.printf("  refused %s: %s%n", refusal.item(), refusal.reason());
			}
		}
		return run.completed() ? CommandLineInterface.DONE : JobRuns.reportUnfinished(err, run.execution());
	}

}
