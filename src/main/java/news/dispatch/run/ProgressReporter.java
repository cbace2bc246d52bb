package news.dispatch.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Shows how a long run is going while this process runs it: on a terminal, one line kept
 * up to date (step, items done, rate, time left when the total is known); otherwise a
 * line every few seconds, for logs. On stderr, so stdout stays the command's output.
 */
@Component
class ProgressReporter {

	private final JobRepository repository;

	private final RunningJobs runningJobs;

	private final EditionTotals totals;

	private final Duration interval;

	private final JobDescriptors jobs;

	private final WorkerLeases partitions;

	ProgressReporter(JobRepository repository, RunningJobs runningJobs, EditionTotals totals,
			@Value("${dispatch.progress.interval:5s}") Duration interval, JobDescriptors jobs,
			WorkerLeases partitions) {
		this.jobs = jobs;
		this.partitions = partitions;
		this.repository = repository;
		this.runningJobs = runningJobs;
		this.totals = totals;
		this.interval = interval;
	}

	/**
	 * Runs the work, reporting on the runs of this process meanwhile unless quiet.
	 */
	<T, E extends Exception> T during(boolean quiet, Work<T, E> work) throws E {
		if (quiet) {
			return work.run();
		}
		boolean terminal = System.console() != null;
		CountDownLatch ended = new CountDownLatch(1);
		Thread reporter = new Thread(() -> report(terminal ? Duration.ofMillis(500) : this.interval, terminal, ended),
				"dispatch-progress");
		reporter.setDaemon(true);
		reporter.start();
		try {
			return work.run();
		}
		finally {
			// never interrupt the reporter: an interrupt in the middle of a database read
			// closes H2's file for every thread (ClosedByInterruptException); it stops
			// once the question in hand is answered
			ended.countDown();
			boolean interrupted = false;
			while (reporter.isAlive()) {
				try {
					reporter.join(60_000);
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void report(Duration every, boolean terminal, CountDownLatch ended) {
		PrintStream err = System.err;
		Rate rate = new Rate();
		boolean printed = false;
		try {
			while (!ended.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
				Optional<String> line = line(rate);
				if (line.isPresent()) {
					if (terminal) {
						err.print("\r" + String.format("%-100s", line.get()));
					}
					else {
						err.println(line.get());
					}
					err.flush();
					printed = true;
				}
			}
		}
		catch (InterruptedException ex) {
			// the process is going away
		}
		catch (RuntimeException ex) {
			// progress is a courtesy: never let it disturb the run
		}
		if (terminal && printed) {
			err.print("\r" + " ".repeat(100) + "\r");
			err.flush();
		}
	}

	private Optional<String> line(Rate rate) {
		for (Long id : this.runningJobs.ids()) {
			JobExecution execution = this.repository.getJobExecution(id);
			Optional<StepExecution> step = execution.getStepExecutions()
				.stream()
				.filter((s) -> s.getStatus().isRunning())
				// the step of the job, not one of its partitions (made after it)
				.min(Comparator.comparing(StepExecution::getId));
			if (step.isEmpty()) {
				continue;
			}
			long done = step.get().getReadCount();
			Long total = null;
			if (step.get().getStepName().startsWith("send-")) {
				List<LedgerKey> keys = this.jobs.keys(execution);
				// an hourly run's editions hold other runs' messages too: no total for it
				if (keys.size() == 1) {
					Map<DeliveryStatus, Long> counts = this.totals.counts(keys.get(0));
					total = counts.values().stream().mapToLong(Long::longValue).sum();
					done = total - counts.get(DeliveryStatus.PENDING);
				}
			}
			double perSecond = rate.update(done);
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s run %d, %s: %,d",
					execution.getJobInstance().getJobName(), id, step.get().getStepName(), done));
			if (total != null) {
				line.append(String.format(Locale.ROOT, " of %,d", total));
			}
			long stalled = rate.stalledSeconds();
			if (total != null && done < total && stalled >= Math.max(3, 2 * this.interval.toSeconds())) {
				// nothing moved for a while: say what the run waits for, not an estimate
				line.append(String.format(Locale.ROOT, ", stalled for %d s", stalled));
				waitingFor(execution, step.get()).ifPresent(line::append);
				return Optional.of(line.toString());
			}
			line.append(String.format(Locale.ROOT, ", %.0f/s", perSecond));
			if (total != null && perSecond > 0) {
				long secondsLeft = (long) ((total - done) / perSecond);
				line.append(String.format(Locale.ROOT, ", about %dm%02ds left", secondsLeft / 60, secondsLeft % 60));
			}
			return Optional.of(line.toString());
		}
		return Optional.empty();
	}

	/**
	 * What a partitioned step waits for: its first partition still going, and the process
	 * that holds it.
	 */
	private Optional<String> waitingFor(JobExecution execution, StepExecution manager) {
		return execution.getStepExecutions()
			.stream()
			.filter((s) -> s.getStatus().isRunning() && s.getId() != manager.getId())
			.min(Comparator.comparing(StepExecution::getId))
			.map((partition) -> {
				String name = partition.getStepName();
				String label = name.substring(name.indexOf(':') + 1);
				return this.partitions.holder(partition.getId())
					.map((holder) -> ", waiting for partition " + label + " held by " + holder.process()
							+ (holder.lapsed() ? " (its lease ran out "
									+ Duration.between(holder.expiresAt(), java.time.Instant.now()).toSeconds()
									+ " s ago: it is being handed on)" : ""))
					.orElse(", waiting for partition " + label + ", which no worker has taken yet");
			});
	}

	/**
	 * The work to report on: a job run.
	 */
	@FunctionalInterface
	interface Work<T, E extends Exception> {

		T run() throws E;

	}

	/**
	 * Items per second over the last observations.
	 */
	private static final class Rate {

		private long lastDone = -1;

		private long lastNanos;

		private double perSecond;

		private long changedNanos = System.nanoTime();

		/**
		 * How long the count has not moved.
		 */
		long stalledSeconds() {
			return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - this.changedNanos);
		}

		double update(long done) {
			long now = System.nanoTime();
			if (done != this.lastDone) {
				this.changedNanos = now;
			}
			if (this.lastDone >= 0 && now > this.lastNanos && done >= this.lastDone) {
				double current = (done - this.lastDone) * 1e9 / (now - this.lastNanos);
				this.perSecond = (this.perSecond == 0) ? current : 0.7 * this.perSecond + 0.3 * current;
			}
			this.lastDone = done;
			this.lastNanos = now;
			return this.perSecond;
		}

	}

}
