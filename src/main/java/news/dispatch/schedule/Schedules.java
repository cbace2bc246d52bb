package news.dispatch.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import news.dispatch.ingest.IngestJob;
import news.dispatch.ingest.IngestSettings;
import news.dispatch.digest.DigestJob;
import news.dispatch.housekeeping.HousekeepingJob;
import news.dispatch.run.RunRecovery;
import news.dispatch.run.ScheduleSettings;
import news.dispatch.system.ClockSettings;
import news.dispatch.system.DispatchSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs {@code dispatch serve}'s schedules ({@code jobs/*}/job.yml) and its recovery of
 * dead runs, on a task scheduler with a thread for each. A schedule's trigger reads its
 * cron expression by {@code dispatch.clock} and starts the job for the moment it names:
 * the moment is the job's identifying parameter, so of several instances asking for the
 * same moment one runs it (the others find it running or complete and go on). A moment
 * passed while the job of the one before was running is run late rather than skipped.
 */
@Component
public class Schedules implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Schedules.class);

	/** The job each schedulable folder of jobs/ starts. */
	private static final Map<String, String> JOBS = Map.of("ingest", IngestJob.NAME, "digest", DigestJob.HOURLY_NAME,
			"housekeeping", HousekeepingJob.NAME);

	private final Map<String, Job> jobs;

	private final JobOperator operator;

	private final Clock clock;

	private final ClockSettings clockSettings;

	private final ScheduleSettings settings;

	private final RunRecovery recovery;

	private final IngestSettings ingest;

	private final DispatchSettings dispatch;

	private final java.nio.file.Path jobsDir;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	Schedules(List<Job> jobs, JobOperator operator, Clock clock, ClockSettings clockSettings, ScheduleSettings settings,
			RunRecovery recovery, IngestSettings ingest, DispatchSettings dispatch,
			@Value("${dispatch.jobs-dir:./jobs}") String jobsDir) {
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a));
		this.operator = operator;
		this.clock = clock;
		this.clockSettings = clockSettings;
		this.settings = settings;
		this.recovery = recovery;
		this.ingest = ingest;
		this.dispatch = dispatch;
		this.jobsDir = java.nio.file.Path.of(jobsDir);
	}

	/**
	 * Reads the schedules and starts keeping them, and the recovery of dead runs.
	 * @return the schedules kept, one line each, for the operator
	 * @throws news.dispatch.system.InvalidInputException when a schedule is not valid:
	 * nothing is started then
	 */
	public synchronized List<String> start() {
		List<Schedule> schedules = this.settings.enabled() ? ScheduleFiles.read(this.jobsDir, JOBS.keySet())
				: List.of();
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(schedules.size() + 1);
		scheduler.setThreadNamePrefix("schedule-");
		scheduler.setDaemon(true);
		scheduler.initialize();
		this.scheduler = scheduler;
		List<String> described = new ArrayList<>();
		for (Schedule schedule : schedules) {
			described.add(schedule.job() + ": \"" + schedule.cron() + "\" in " + schedule.zone() + ", next at "
					+ schedule.next(this.clock.instant()));
			MomentTrigger trigger = new MomentTrigger(schedule, this.clock, this.clockSettings.pace());
			scheduler.schedule(() -> run(schedule.job(), trigger.moment()), trigger);
		}
		scheduler.scheduleWithFixedDelay(this::recoverDeadRuns, this.settings.heartbeat());
		return described;
	}

	/**
	 * Starts the job of a schedule for one moment, unless another instance has.
	 */
	void run(String folder, Instant moment) {
		Job job = this.jobs.get(JOBS.get(folder));
		if (job == null) {
			logger.warn("No job {} to run for the schedule of {}", JOBS.get(folder), folder);
			return;
		}
		JobParameters parameters = switch (folder) {
			case "ingest" ->
				IngestJob.parameters(IngestJob.configuredLocations(this.ingest, this.dispatch.inboxDir()), moment);
			case "housekeeping" -> HousekeepingJob.parameters(moment);
			default -> DigestJob.hourlyParameters(moment);
		};
		try {
			JobExecution execution = this.operator.start(job, parameters);
			logger.info("Scheduled {} for {}: run {} {}", job.getName(), moment, execution.getId(),
					execution.getStatus());
		}
		catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException ex) {
			logger.info("Scheduled {} for {} is run by another instance", job.getName(), moment);
		}
		catch (Exception ex) {
			// two instances creating the same run at once: one wins on the repository's
			// unique key, the other ends here
			logger.info("Scheduled {} for {} not started here: {}", job.getName(), moment, ex.getMessage());
		}
	}

	private void recoverDeadRuns() {
		try {
			this.recovery.recoverDead();
		}
		catch (RuntimeException ex) {
			logger.warn("Looking for runs to recover failed: {}", ex.getMessage());
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
		}
	}

	/**
	 * A schedule's trigger: the next moment its cron expression names by
	 * {@code dispatch.clock}, after the one it fired for last, turned into the real time
	 * at which the clock shows it (the clock may be set to another moment and go faster).
	 * The scheduler asks for the next execution only once the run before has ended, so
	 * {@link #moment()} is the moment of the run in progress.
	 */
	static final class MomentTrigger implements Trigger {

		private final Schedule schedule;

		private final Clock clock;

		private final double pace;

		private volatile @Nullable Instant moment;

		MomentTrigger(Schedule schedule, Clock clock, double pace) {
			this.schedule = schedule;
			this.clock = clock;
			this.pace = pace;
		}

		@Override
		public @Nullable Instant nextExecution(TriggerContext context) {
			Instant last = this.moment;
			Instant now = this.clock.instant();
			Instant next = this.schedule.next((last != null) ? last : now);
			this.moment = next;
			if (next == null) {
				return null;
			}
			long ahead = Duration.between(now, next).toNanos();
			return Instant.now().plusNanos(Math.max(0, (long) (ahead / this.pace)));
		}

		Instant moment() {
			Instant moment = this.moment;
			if (moment == null) {
				throw new IllegalStateException("No moment for " + this.schedule.job() + " yet");
			}
			return moment;
		}

	}

}
