package news.dispatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import news.dispatch.ingest.IngestJob;
import news.dispatch.ingest.IngestSettings;
import news.dispatch.ingest.Refusals;
import news.dispatch.run.JobRuns;
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
 * {@code dispatch ingest}: take in new articles now, and report per source what was
 * fetched, new, duplicate and refused.
 */
@Component
@Scope("prototype")
@Command(name = "ingest", mixinStandardHelpOptions = true,
		description = "Ingest new articles now from folders, feeds and pages (default: dispatch.ingest.sources in"
				+ " jobs/ingest/job.yml, else DATA_DIR/inbox).")
class IngestCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private QuietOption quiet = new QuietOption();

	@Option(names = "--from", paramLabel = "DIR|URL",
			description = "A folder of article files, a feed or page file, or the http(s):// or file: address"
					+ " of a feed or page; repeat for several.")
	private List<String> from = new ArrayList<>();

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
		List<String> locations = new ArrayList<>();
		for (String location : !this.from.isEmpty() ? this.from
				: IngestJob.configuredLocations(this.ingestSettings, this.settings.inboxDir())) {
			// a single file (a saved feed or page) is read as its file: address
			boolean file = !IngestJob.isUrl(location) && Files.isRegularFile(Path.of(location));
			locations.add(file ? Path.of(location).toAbsolutePath().toUri().toString() : location);
		}
		for (String location : locations) {
			if (IngestJob.isUrl(location)) {
				try {
					new java.net.URI(location).toURL();
				}
				catch (Exception ex) {
					throw new InvalidInputException("The address " + location + " is not a valid URL; give an"
							+ " http(s):// or file: address of a feed or page.");
				}
			}
			else if (!Files.isDirectory(Path.of(location))) {
				throw new InvalidInputException("The folder " + location + " does not exist or is not a folder;"
						+ " give a folder of article files, or a feed's http(s):// or file: address, with --from.");
			}
		}
		return ingest(this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), locations, this.quiet.quiet);
	}

	int ingest(PrintWriter out, PrintWriter err, List<String> locations, boolean quiet) {
		JobRuns.Run run = this.runs.run(this.ingestJob, IngestJob.parameters(locations, Instant.now()), quiet);
		StepExecution step = run.step(IngestJob.INGEST_STEP);
		if (step != null) {
			out.printf("Fetched %d %s from %s: %d new, %d duplicate, %d refused.%n", step.getReadCount(),
					(step.getReadCount() == 1) ? "item" : "items", String.join(", ", locations), step.getWriteCount(),
					step.getFilterCount(), step.getSkipCount());
			table(out, run);
			for (Refusals.Line line : this.refusals.lines(run.execution().getId())) {
				out.printf("  [%s] %s %s: %s%n", line.refusal().source(), line.refused() ? "refused" : "noted",
						line.refusal().item(), line.refusal().reason());
			}
		}
		return run.completed() ? CommandLineInterface.DONE : JobRuns.reportUnfinished(err, run.execution());
	}

	private static void table(PrintWriter out, JobRuns.Run run) {
		List<StepExecution> sources = run.execution()
			.getStepExecutions()
			.stream()
			.filter((s) -> s.getStepName().startsWith(IngestJob.SOURCE_STEP + ":"))
			.sorted(Comparator.comparing(StepExecution::getStepName))
			.toList();
		int width = Math.max(6,
				sources.stream().mapToInt((s) -> IngestJob.sourceOfStep(s.getStepName()).length()).max().orElse(6));
		String row = "  %-" + width + "s %8s %8s %10s %8s  %s%n";
		out.printf(row, "source", "fetched", "new", "duplicate", "refused", "status");
		for (StepExecution source : sources) {
			out.printf(row, IngestJob.sourceOfStep(source.getStepName()), source.getReadCount(), source.getWriteCount(),
					source.getFilterCount(), source.getSkipCount(), source.getStatus());
		}
	}

}
