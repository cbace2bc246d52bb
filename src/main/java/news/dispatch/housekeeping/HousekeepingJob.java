package news.dispatch.housekeeping;

import java.time.Instant;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The housekeeping job's name, steps and parameters.
 */
public final class HousekeepingJob {

	/** The job's name in the job repository. */
	public static final String NAME = "housekeeping";

	/** Deletes the sign-ups whose confirmation link has expired. */
	public static final String SIGN_UPS_STEP = "forget-expired-sign-ups";

	/** Deletes the rate-limit counters whose window has ended. */
	public static final String COUNTERS_STEP = "delete-ended-counters";

	/** The moment a run is for (identifying): one run per moment. */
	public static final String MOMENT = "moment";

	private HousekeepingJob() {
	}

	/**
	 * The parameters of the run for a moment (the schedule's, or now on the command
	 * line).
	 */
	public static JobParameters parameters(Instant moment) {
		return new JobParametersBuilder().addString(MOMENT, moment.toString()).toJobParameters();
	}

}
