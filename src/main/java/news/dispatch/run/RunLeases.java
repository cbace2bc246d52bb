package news.dispatch.run;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The leases of this process's job runs, kept alive by a heartbeat thread: every run
 * holds {@code run:<execution id>} while it goes, on any host; a digest run also holds
 * {@code digest-send} while it plans and sends, so two digest runs (two hours, or an hour
 * and an operator's edition) never send the same unsent message. A process that dies
 * stops renewing its leases; another instance then recovers its runs
 * ({@link RunRecovery}), and a digest run waiting to send takes the lock over.
 */
@Component
class RunLeases implements JobExecutionListener, DisposableBean {

	static final String DIGEST_LOCK = "digest-send";

	private static final Logger logger = LoggerFactory.getLogger(RunLeases.class);

	/** Who this process is, in lease rows: host, pid and a random part. */
	static final String SELF = ManagementFactory.getRuntimeMXBean().getName() + ":"
			+ UUID.randomUUID().toString().substring(0, 8);

	private final Leases leases;

	private final ScheduleSettings settings;

	private final ObjectProvider<JobRepository> repository;

	private final JobDescriptors jobs;

	/** lease name → owner, for every lease this process holds */
	private final Map<String, String> held = new ConcurrentHashMap<>();

	private ScheduledExecutorService heartbeat;

	RunLeases(Leases leases, ScheduleSettings settings, ObjectProvider<JobRepository> repository, JobDescriptors jobs) {
		this.jobs = jobs;
		this.leases = leases;
		this.settings = settings;
		this.repository = repository;
	}

	static String runLease(long executionId) {
		return "run:" + executionId;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		startHeartbeat();
		String run = runLease(execution.getId());
		this.leases.acquire(run, SELF, this.settings.lease());
		this.held.put(run, SELF);
		if (this.jobs.sendsDigests(execution.getJobInstance().getJobName())) {
			awaitDigestLock(execution);
		}
	}

	/**
	 * Waits for the digest lock: free, expired (its holder died), or held by a run that
	 * is no longer going (recovered by an operator).
	 */
	private void awaitDigestLock(JobExecution execution) {
		String owner = runLease(execution.getId());
		long deadline = System.nanoTime() + this.settings.lockWait().toNanos();
		boolean logged = false;
		while (!this.leases.acquire(DIGEST_LOCK, owner, this.settings.lease(), this::ended)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Another digest run kept sending for longer than"
						+ " dispatch.schedule.lock-wait (" + this.settings.lockWait() + "); restart this run"
						+ " once it has ended (dispatch jobs restart " + execution.getId() + ").");
			}
			if (!logged) {
				logger.info("Digest run {} waits for another digest run to finish sending", execution.getId());
				logged = true;
			}
			try {
				Thread.sleep(Math.max(100, this.settings.heartbeat().toMillis() / 4));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting to send", ex);
			}
		}
		this.held.put(DIGEST_LOCK, owner);
	}

	/**
	 * Whether the run a lease owner names ({@code run:<id>}) has ended.
	 */
	private boolean ended(String owner) {
		if (!owner.startsWith("run:")) {
			return false;
		}
		JobExecution execution = this.repository.getObject().getJobExecution(Long.parseLong(owner.substring(4)));
		return execution == null || !execution.isRunning();
	}

	/**
	 * Keeps a lease this process took ({@link Leases#acquire}) alive with the heartbeat
	 * until {@link #drop}.
	 */
	void keep(String name) {
		startHeartbeat();
		this.held.put(name, SELF);
	}

	/**
	 * Stops renewing a lease and gives it back.
	 */
	void drop(String name) {
		if (this.held.remove(name) != null) {
			this.leases.release(name, SELF);
		}
	}

	/**
	 * The process a lease owner names, as {@code HOST:PID} (an owner is
	 * {@code PID@HOST:RANDOM}, see {@link #SELF}).
	 */
	static String process(String owner) {
		String name = owner.endsWith(":recovery") ? owner.substring(0, owner.length() - ":recovery".length()) : owner;
		int random = name.lastIndexOf(':');
		if (random > 0) {
			name = name.substring(0, random);
		}
		int at = name.indexOf('@');
		return (at > 0) ? name.substring(at + 1) + ":" + name.substring(0, at) : name;
	}

	@Override
	public void afterJob(JobExecution execution) {
		String run = runLease(execution.getId());
		if (run.equals(this.held.get(DIGEST_LOCK))) {
			this.held.remove(DIGEST_LOCK);
			this.leases.release(DIGEST_LOCK, run);
		}
		this.held.remove(run);
		this.leases.release(run, SELF);
	}

	private synchronized void startHeartbeat() {
		if (this.heartbeat != null) {
			return;
		}
		this.heartbeat = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "lease-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.heartbeat().toMillis();
		this.heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
	}

	private void beat() {
		try {
			Duration ttl = this.settings.lease();
			this.held.forEach((name, owner) -> this.leases.renew(java.util.List.of(name), owner, ttl));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew the leases of this process's runs: {}", ex.getMessage());
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.heartbeat != null) {
			// no interrupt: one in the middle of a database write closes H2's file; the
			// renewal in hand finishes
			this.heartbeat.shutdown();
			try {
				this.heartbeat.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
