package news.dispatch.digest;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The digest job's name and parameters. An edition is one job instance: its date is the
 * identifying parameter, so an edition runs once and a failed one is restarted, not begun
 * again.
 */
public final class DigestJob {

	public static final String NAME = "digest";

	/** The kind of the ledger's rows for digests. */
	public static final String KIND = "digest";

	public static final String EDITION = "edition";

	private DigestJob() {
	}

	public static JobParameters parameters(LocalDate edition) {
		return new JobParametersBuilder().addLocalDate(EDITION, edition).toJobParameters();
	}

}
