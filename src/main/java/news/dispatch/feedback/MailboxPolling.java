package news.dispatch.feedback;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * {@code dispatch serve}'s reading of the bounce mailbox every
 * {@code dispatch.feedback.mailbox.interval}, when a mailbox is configured. A reading
 * that fails (server down, login refused) is logged and tried again at the next one.
 */
@Component
public class MailboxPolling {

	private static final Logger logger = LoggerFactory.getLogger(MailboxPolling.class);

	private final BounceMailbox mailbox;

	private final MailboxSettings settings;

	private @Nullable ScheduledExecutorService executor;

	MailboxPolling(BounceMailbox mailbox, MailboxSettings settings) {
		this.mailbox = mailbox;
		this.settings = settings;
	}

	/**
	 * Starts reading the mailbox, when one is configured.
	 * @return what is read and how often, for the operator; empty when none is configured
	 */
	public synchronized Optional<String> start() {
		if (!this.settings.enabled() || this.executor != null) {
			return Optional.empty();
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bounce-mailbox");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.interval().toMillis();
		this.executor.scheduleWithFixedDelay(this::readOnce, 0, every, TimeUnit.MILLISECONDS);
		return Optional.of(this.settings.describe() + " every " + this.settings.interval().toSeconds() + " s");
	}

	void readOnce() {
		try {
			for (ReportFiles.FileOutcome outcome : this.mailbox.read(this.settings)) {
				if (outcome.read()) {
					logger.info("Bounce mailbox {}: {}", outcome.file(), outcome.outcome().line());
				}
				else {
					logger.warn("Bounce mailbox {}: {}", outcome.file(), outcome.outcome().line());
				}
			}
		}
		catch (Exception ex) {
			logger.warn(
					"Cannot read the bounce mailbox {} ({}); check dispatch.feedback.mailbox.*, trying again in {} s",
					this.settings.describe(), ex.getMessage(), this.settings.interval().toSeconds());
		}
	}

	/**
	 * Stops after the reading under way, never interrupting it: it writes to the
	 * database.
	 */
	@PreDestroy
	public synchronized void stop() throws InterruptedException {
		if (this.executor != null) {
			this.executor.shutdown();
			this.executor.awaitTermination(1, TimeUnit.MINUTES);
			this.executor = null;
		}
	}

}
