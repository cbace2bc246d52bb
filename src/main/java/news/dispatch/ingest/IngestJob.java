package news.dispatch.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The ingest job's name, steps and parameters: what callers need to start one and read
 * its report.
 */
public final class IngestJob {

	public static final String NAME = "ingest";

	/**
	 * The step over all sources; its counts are the sums of the sources' steps.
	 */
	public static final String INGEST_STEP = "ingest-files";

	/**
	 * Each source runs as its own step, named this, a colon, and the source's partition
	 * name ({@code 01-name}).
	 */
	public static final String SOURCE_STEP = "ingest-source";

	static final String FROM = "from";

	private IngestJob() {
	}

	/**
	 * Parameters for one run over the given sources (folders or URLs). Every run is a new
	 * job instance: a source can be ingested again whenever it has something new.
	 */
	public static JobParameters parameters(List<String> locations, Instant now) {
		String from = String.join("\n", locations.stream().map(SourceSpec::normalise).toList());
		return new JobParametersBuilder().addString(FROM, from).addLong("run", now.toEpochMilli()).toJobParameters();
	}

	/**
	 * The sources {@code dispatch ingest} reads when given none: those of
	 * {@code dispatch.ingest.sources} and {@code dispatch.ingest.folders}, else the
	 * inbox.
	 */
	public static List<String> configuredLocations(IngestSettings settings, Path inbox) {
		List<String> locations = new ArrayList<>();
		settings.sources().forEach((source) -> locations.add(source.location()));
		settings.folders().forEach((folder) -> locations.add(folder.toString()));
		return locations.isEmpty() ? List.of(inbox.toString()) : locations;
	}

	/**
	 * Whether a location is a web or file address rather than a folder.
	 */
	public static boolean isUrl(String location) {
		return SourceSpec.isUrl(location);
	}

	/**
	 * The source a source step read, from the step's name.
	 */
	public static String sourceOfStep(String stepName) {
		String partition = stepName.substring(stepName.indexOf(':') + 1);
		return partition.replaceFirst("^\\d+-", "");
	}

	static List<String> locations(String from) {
		return Arrays.stream(from.split("\n")).filter((line) -> !line.isBlank()).toList();
	}

}
