package news.dispatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import news.dispatch.run.RunningJobs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What SIGTERM (or Ctrl-C) does: a job run of this process stops at its next chunk
 * boundary and is recorded as STOPPED, restartable; the command reports it; the
 * application closes; the process exits with 1. Without a run going, the application just
 * closes.
 * <p>
 * Spring's own shutdown hook is turned off in {@code main}, because it would close the
 * database under a job that is still finishing its chunk.
 */
@Component
class GracefulShutdown {

	private final RunningJobs runningJobs;

	private final ConfigurableApplicationContext context;

	private final Duration timeout;

	private final CountDownLatch commandFinished = new CountDownLatch(1);

	GracefulShutdown(RunningJobs runningJobs, ConfigurableApplicationContext context,
			@Value("${dispatch.shutdown.timeout:60s}") Duration timeout,
			@Value("${dispatch.cli.run-on-start:true}") boolean hook) {
		this.runningJobs = runningJobs;
		this.context = context;
		this.timeout = timeout;
		if (hook) {
			Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "dispatch-shutdown"));
		}
	}

	/**
	 * Called by the command line once the command has printed its outcome.
	 */
	void commandFinished() {
		this.commandFinished.countDown();
	}

	void shutdown() {
		Set<Long> ids = this.runningJobs.ids();
		PrintStream err = System.err;
		try {
			if (!ids.isEmpty()) {
				err.println("Stopping run " + ids.iterator().next() + " at the next chunk boundary; it can be restarted"
						+ " with dispatch jobs restart.");
				this.runningJobs.stopAll();
				if (!this.runningJobs.awaitIdle(this.timeout)) {
					err.println("The run did not stop within " + this.timeout.toSeconds() + "s; it is left STARTED."
							+ " Run dispatch jobs recover " + ids.iterator().next() + " before restarting it.");
				}
				this.commandFinished.await(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (this.context.isActive()) {
				this.context.close();
			}
		}
		if (!ids.isEmpty()) {
			err.flush();
			System.out.flush();
			Runtime.getRuntime().halt(CommandLineInterface.FAILED);
		}
	}

}
