package news.dispatch.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@code dispatch serve} runs schedules and shares the database with other instances.
 *
 * @param enabled whether {@code serve} runs the schedules of {@code jobs/*}/job.yml
 * @param lease how long a run's lease lasts without a heartbeat: a run whose lease has
 * run out belongs to a process that died, and another instance recovers it
 * @param heartbeat how often a process renews the leases of its runs, and looks for runs
 * to recover
 * @param lockWait how long a digest run waits for another one to finish sending before it
 * gives up (it fails, and its subscribers are due again at the next hour)
 */
@ConfigurationProperties("dispatch.schedule")
public record ScheduleSettings(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration lease,
		@DefaultValue("10s") Duration heartbeat, @DefaultValue("30m") Duration lockWait) {

	public ScheduleSettings {
		if (heartbeat.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("dispatch.schedule.heartbeat (" + heartbeat
					+ ") must be shorter than dispatch.schedule.lease (" + lease + "); make it a third of it.");
		}
	}

}
