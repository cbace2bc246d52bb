package news.dispatch.run;

import java.util.List;
import java.util.function.Function;

import news.dispatch.delivery.LedgerKey;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What the runtime, the command line and the schedules need to know of a job, contributed
 * by the feature that builds it, so that none of them switches on job names.
 *
 * @param name the job's name in the job repository
 * @param keys the ledger keys a run with these parameters sends (none for a job that
 * sends nothing; several for an hourly digest run, one per edition it may plan)
 * @param sendsDigests whether its runs send digests: one such run sends at a time
 * @param restartedWhenDead whether a run left going by a dead process is restarted at
 * once by another instance, rather than waiting for an operator
 */
public record JobDescriptor(String name, Function<JobParameters, List<LedgerKey>> keys, boolean sendsDigests,
		boolean restartedWhenDead) {

	/**
	 * A job that sends nothing and whose dead runs wait for an operator.
	 */
	public static JobDescriptor plain(String name) {
		return new JobDescriptor(name, (parameters) -> List.of(), false, false);
	}

	/**
	 * A job that sends what the ledger holds under the keys of its parameters; its dead
	 * runs are restarted.
	 */
	public static JobDescriptor sending(String name, Function<JobParameters, List<LedgerKey>> keys,
			boolean sendsDigests) {
		return new JobDescriptor(name, keys, sendsDigests, true);
	}

}
