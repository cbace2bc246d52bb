package news.dispatch.article;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The ingest job's name and parameters: what callers need to start one.
 */
public final class IngestJob {

	public static final String NAME = "ingest";

	public static final String INGEST_STEP = "ingest-files";

	static final String FROM = "from";

	private IngestJob() {
	}

	/**
	 * Parameters for one run over the given folders. Every run is a new job instance: a
	 * folder can be ingested again whenever new files arrive.
	 */
	public static JobParameters parameters(List<Path> folders, Instant now) {
		String from = folders.stream()
			.map((folder) -> folder.toAbsolutePath().normalize().toString())
			.collect(Collectors.joining("\n"));
		return new JobParametersBuilder().addString(FROM, from).addLong("run", now.toEpochMilli()).toJobParameters();
	}

	static List<Path> folders(String from) {
		return Arrays.stream(from.split("\n")).filter((line) -> !line.isBlank()).map(Path::of).toList();
	}

}
