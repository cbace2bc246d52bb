package news.dispatch.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import news.dispatch.delivery.LedgerKey;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Every job's {@link JobDescriptor}, by name. A job without one (a test's, say) is
 * treated as sending nothing.
 */
@Component
public class JobDescriptors {

	private final Map<String, JobDescriptor> byName;

	JobDescriptors(List<JobDescriptor> descriptors) {
		this.byName = descriptors.stream()
			.collect(Collectors.toUnmodifiableMap(JobDescriptor::name, Function.identity()));
	}

	public Optional<JobDescriptor> find(String job) {
		return Optional.ofNullable(this.byName.get(job));
	}

	/**
	 * The ledger keys a run sends: none for a run of a job that sends nothing.
	 */
	public List<LedgerKey> keys(JobExecution execution) {
		return find(execution.getJobInstance().getJobName())
			.map((descriptor) -> descriptor.keys().apply(execution.getJobParameters()))
			.orElse(List.of());
	}

	public boolean sendsDigests(String job) {
		return find(job).map(JobDescriptor::sendsDigests).orElse(false);
	}

	public boolean restartedWhenDead(String job) {
		return find(job).map(JobDescriptor::restartedWhenDead).orElse(false);
	}

}
