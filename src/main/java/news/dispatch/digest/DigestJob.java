package news.dispatch.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import news.dispatch.delivery.LedgerKey;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The digest job's name and parameters. An edition is one job instance: its date is the
 * identifying parameter, so an edition runs once and a failed one is restarted, not begun
 * again.
 */
public final class DigestJob {

	public static final String NAME = "digest";

	public static final String EDITION = "edition";

	/** The job that sends an edition's RETRY rows again: one instance per try. */
	public static final String RETRY_NAME = "digest-retry";

	/** When a retry run was asked for: what makes each retry run its own instance. */
	public static final String RETRY_AT = "retryAt";

	/**
	 * The scheduled hourly run: plans the subscribers whose send hour has come in their
	 * own zone and sends what is unsent. One instance per hour ({@link #SLOT}).
	 */
	public static final String HOURLY_NAME = "digest-hourly";

	/** The moment an hourly run is for (an ISO instant): its identifying parameter. */
	public static final String SLOT = "slot";

	private DigestJob() {
	}

	/**
	 * The ledger key of the edition a run of {@link #NAME} or {@link #RETRY_NAME} sends.
	 */
	public static List<LedgerKey> keys(JobParameters parameters) {
		LocalDate edition = parameters.getLocalDate(EDITION);
		return (edition != null) ? List.of(LedgerKey.edition(edition)) : List.of();
	}

	public static JobParameters parameters(LocalDate edition) {
		return new JobParametersBuilder().addLocalDate(EDITION, edition).toJobParameters();
	}

	/**
	 * The parameters of the hourly run for this moment: every instance that asks for the
	 * same hour asks for the same job instance, which runs once.
	 */
	public static JobParameters hourlyParameters(Instant slot) {
		return new JobParametersBuilder().addString(SLOT, slot.toString()).toJobParameters();
	}

	/**
	 * The parameters of a run that sends the edition's unsent (RETRY, PENDING) messages
	 * again, after the edition's own run ended.
	 */
	public static JobParameters retryParameters(LocalDate edition) {
		return new JobParametersBuilder().addLocalDate(EDITION, edition)
			.addLong(RETRY_AT, System.currentTimeMillis())
			.toJobParameters();
	}

}
