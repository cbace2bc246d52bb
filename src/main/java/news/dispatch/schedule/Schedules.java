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
import news.dispatch.run.RunRecovery;
import news.dispatch.run.ScheduleSettings;
import news.dispatch.system.DispatchSettings;
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
import org.springframework.stereotype.Component;

/**
 * Runs {@code dispatch serve}'s schedules ({@code jobs/*}/job.yml) and its recovery of
 * dead runs. Each schedule has a thread that waits, by {@code dispatch.clock}, for the
 * next moment its cron expression names and starts the job for that moment: the moment is
 * the job's identifying parameter, so of several instances asking for the same moment one
 * runs it (the others find it running or complete and go on). A moment passed while the
 * thread was busy is run late rather than skipped.
 */
@Component
public class Schedules implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Schedules.class);

	/** The job each schedulable folder of jobs/ starts. */
	private static final Map<String, String> JOBS = Map.of("ingest", IngestJob.NAME, "digest", DigestJob.HOURLY_NAME);

	private final Map<String, Job> jobs;

	private final JobOperator operator;

	private final Clock clock;

	private final ScheduleSettings settings;

	private final RunRecovery recovery;

	private final IngestSettings ingest;

	private final DispatchSettings dispatch;

	private final java.nio.file.Path jobsDir;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	Schedules(List<Job> jobs, JobOperator operator, Clock clock, ScheduleSettings settings, RunRecovery recovery,
			IngestSettings ingest, DispatchSettings dispatch, @Value("${dispatch.jobs-dir:./jobs}") String jobsDir) {
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a));
		this.operator = operator;
		this.clock = clock;
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
		this.running = true;
		List<String> described = new ArrayList<>();
		for (Schedule schedule : schedules) {
			described.add(schedule.job() + ": \"" + schedule.cron() + "\" in " + schedule.zone() + ", next at "
					+ schedule.next(this.clock.instant()));
			start("schedule-" + schedule.job(), () -> keep(schedule));
		}
		start("run-recovery", this::recoverDeadRuns);
		return described;
	}

	private void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
	}

	private void keep(Schedule schedule) {
		Instant last = this.clock.instant();
		while (this.running) {
			Instant next = schedule.next(last);
			if (next == null) {
				return;
			}
			while (this.running && this.clock.instant().isBefore(next)) {
				if (!pause(Duration.ofMillis(200))) {
					return;
				}
			}
			if (!this.running) {
				return;
			}
			run(schedule.job(), next);
			last = next;
		}
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
		JobParameters parameters = folder.equals("ingest")
				? IngestJob.parameters(IngestJob.configuredLocations(this.ingest, this.dispatch.inboxDir()), moment)
				: DigestJob.hourlyParameters(moment);
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
		while (this.running) {
			try {
				this.recovery.recoverDead();
			}
			catch (RuntimeException ex) {
				logger.warn("Looking for runs to recover failed: {}", ex.getMessage());
			}
			if (!pause(this.settings.heartbeat())) {
				return;
			}
		}
	}

	private boolean pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public synchronized void destroy() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
	}

}
