package news.dispatch.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.subscriber.Subscribers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Works one SMTP connection: takes groups of messages from the send step's
 * {@link SendQueue} as it is ready for them, composes them, sends each message (waiting
 * for the throttle, trying again with exponential backoff when the server refuses for
 * now) and records the outcomes in the ledger, outside the chunk's transaction.
 * <p>
 * Messages go in groups of at most {@code dispatch.sending.in-flight} (fewer when the
 * queue holds less than a group for every connection): one transaction records the
 * outcomes of one group and marks the next as in flight. Outcomes in hand are also
 * recorded before any pause (a throttle's wait, a backoff), so a message the server has
 * accepted never waits unrecorded while this connection does. While a group is sent, the
 * next one is composed on a thread of the worker's own: the connection need not wait for
 * the templates.
 */
class ConnectionWorker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionWorker.class);

	/**
	 * How long a connection waits for its next group before it records the outcomes in
	 * hand on their own.
	 */
	private static final Duration COMPOSED_SOON = Duration.ofMillis(50);

	private final SmtpConnection connection;

	private final Parts parts;

	private final RetryTemplate retry;

	private final ExecutorService composing;

	private final SendQueue queue;

	private final LedgerKey.Kind kind;

	/**
	 * Messages the server has answered whose outcome is not yet in the ledger.
	 */
	private final List<Answered> answered = new ArrayList<>();

	/**
	 * What every worker of a send step shares.
	 */
	record Parts(MailServer server, MessageFactory messages, Composer composer, Deliveries deliveries,
			Subscribers subscribers, Throttle throttle, SendingSettings settings, PriorityLane lane) {
	}

	ConnectionWorker(Parts parts, String name, SendQueue queue, LedgerKey.Kind kind) {
		this.parts = parts;
		this.queue = queue;
		this.kind = kind;
		this.connection = new SmtpConnection(parts.server());
		this.composing = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, name + "-composing");
			thread.setDaemon(true);
			return thread;
		});
		SendingSettings settings = parts.settings();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(settings.retries())
			.delay(settings.backoff())
			.multiplier(2)
			.maxDelay(settings.maxBackoff())
			.predicate((ex) -> ex instanceof SmtpConnection.Deferred
					|| (ex instanceof SmtpUnavailableException unavailable && unavailable.mayRecover()))
			.build());
		this.retry.setRetryListener(new RetryListener() {

			@Override
			public void onRetryableExecution(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
				if (!state.isSuccessful()) {
					// a pause may follow: record what the server has answered first
					flush(List.of());
				}
			}

		});
	}

	/**
	 * Takes groups of messages from the step's queue until it is closed or a connection
	 * fails: composes each (the next while this one is sent), sends its messages one
	 * after the other, and records their outcomes; returns once those in hand are
	 * recorded.
	 * @throws SmtpUnavailableException when the server cannot be used, after the retries
	 * @throws MessageCompositionException when a message cannot be composed
	 */
	void deliver() throws InterruptedException {
		@Nullable Future<Group> next = null;
		try {
			next = compose();
			while (true) {
				if (!composedSoon(next)) {
					// the queue may be empty for a while (or for good, at the step's
					// end): record what the server has answered before waiting
					flush(List.of());
				}
				Group group = composed(next);
				if (group.none()) {
					next = null;
					return;
				}
				if (!this.queue.open()) {
					// the step stops or failed: a group composed meanwhile is not sent
					// (never marked in flight, it stays for the next run)
					this.queue.returned(group.size());
					next = null;
					return;
				}
				next = compose();
				this.answered.addAll(group.refused());
				List<Handed> handed = group.handed();
				flush(handed.stream().map((message) -> message.delivery().id()).toList());
				for (int i = 0; i < handed.size(); i++) {
					Handed message = handed.get(i);
					try {
						giveWayToPriority();
						waitForThrottle(message.to());
					}
					catch (InterruptedException ex) {
						release(handed.subList(i, handed.size()), "not sent: the run was interrupted");
						throw ex;
					}
					try {
						this.answered.add(send(message.delivery(), message.mime()));
					}
					catch (RuntimeException failure) {
						// the server is unusable: the rest stay as they were, unsent
						release(handed.subList(i, handed.size()), SmtpConnection.rootMessage(failure));
						throw failure;
					}
				}
			}
		}
		finally {
			if (next != null) {
				next.cancel(false);
			}
			flush(List.of());
		}
	}

	/**
	 * A group of messages built, and those of its deliveries that cannot be sent at all
	 * (the subscriber no longer receives mail, the address is invalid), answered at once.
	 */
	private record Group(List<Handed> handed, List<Answered> refused) {

		/**
		 * Nothing was taken: the queue is closed, or another connection failed.
		 */
		boolean none() {
			return this.handed.isEmpty() && this.refused.isEmpty();
		}

		int size() {
			return this.handed.size() + this.refused.size();
		}

	}

	/**
	 * A message built and about to be handed to the server.
	 */
	private record Handed(Delivery delivery, MimeMessage mime, String to) {
	}

	/**
	 * A message the server has answered, or one refused before it was sent.
	 */
	private record Answered(Delivery delivery, SmtpConnection.Outcome outcome, int attempts) {
	}

	/**
	 * Starts taking the next group from the queue and composing it, on the worker's own
	 * thread.
	 */
	private Future<Group> compose() {
		return this.composing.submit(() -> {
			List<Delivery> group = this.queue.take();
			return create(group, group.isEmpty() ? Map.of() : this.parts.composer().composeAll(group));
		});
	}

	/**
	 * Whether the next group is composed within {@link #COMPOSED_SOON}: while the
	 * connections outpace composing (a relay close by), the outcomes in hand are then
	 * recorded in the same transaction that marks the next group in flight, not in one of
	 * their own.
	 */
	private static boolean composedSoon(Future<Group> next) throws InterruptedException {
		try {
			next.get(COMPOSED_SOON.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			// composed() says why
			return true;
		}
	}

	private Group composed(Future<Group> group) throws InterruptedException {
		try {
			return group.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException("Composing messages failed", ex.getCause());
		}
	}

	/**
	 * Builds the messages of a group.
	 */
	private Group create(List<Delivery> group, Map<Long, Optional<ComposedMessage>> composed) {
		List<Handed> handed = new ArrayList<>(group.size());
		List<Answered> refused = new ArrayList<>();
		for (Delivery delivery : group) {
			Optional<ComposedMessage> message = composed.getOrDefault(delivery.id(), Optional.empty());
			if (message.isEmpty()) {
				refused.add(new Answered(delivery, new SmtpConnection.Outcome(DeliveryStatus.FAILED,
						"not sent: the subscriber no longer receives mail", false), 0));
				continue;
			}
			try {
				handed.add(new Handed(delivery,
						this.parts.messages().create(this.parts.server().session(), delivery, message.get()),
						message.get().to()));
			}
			catch (AddressException ex) {
				refused.add(
						new Answered(delivery,
								new SmtpConnection.Outcome(DeliveryStatus.BOUNCED,
										"invalid address: " + message.get().to() + " (" + ex.getMessage() + ")", true),
								0));
			}
			catch (MessagingException ex) {
				throw new MessageCompositionException("The message " + delivery.messageId() + " cannot be built ("
						+ ex.getMessage() + "); fix the template or the subscriber's"
						+ " details and restart the run (dispatch jobs restart ID).", ex);
			}
		}
		return new Group(handed, refused);
	}

	/**
	 * While priority messages (alerts) wait to be sent, pauses before the next message,
	 * with the outcomes in hand recorded first (see {@link PriorityLane}).
	 */
	private void giveWayToPriority() throws InterruptedException {
		if (this.parts.lane().mustYield(this.kind)) {
			flush(List.of());
			this.parts.lane().yieldTo(this.kind);
		}
	}

	private void waitForThrottle(String to) throws InterruptedException {
		long wait = this.parts.throttle().reserve(Throttle.domain(to));
		if (wait > 0) {
			flush(List.of());
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/**
	 * @throws RuntimeException when the server cannot be used, after the retries
	 */
	private Answered send(Delivery delivery, MimeMessage mime) {
		AtomicInteger attempts = new AtomicInteger();
		SmtpConnection.Outcome outcome;
		try {
			outcome = this.retry.execute(() -> {
				attempts.incrementAndGet();
				return this.connection.send(mime);
			});
		}
		catch (RetryException ex) {
			if (ex.getLastException() instanceof SmtpConnection.Deferred deferred) {
				outcome = new SmtpConnection.Outcome(DeliveryStatus.RETRY, deferred.getMessage(), false);
			}
			else if (ex.getLastException() instanceof RuntimeException failure) {
				throw failure;
			}
			else {
				throw new IllegalStateException(ex.getLastException());
			}
		}
		return new Answered(delivery, outcome, attempts.get());
	}

	/**
	 * Records the outcomes in hand and marks these messages as in flight, in one
	 * transaction; then warns of what was not sent and counts hard bounces towards
	 * suppressing the address.
	 */
	private void flush(List<Long> next) {
		if (this.answered.isEmpty() && next.isEmpty()) {
			return;
		}
		List<Answered> outcomes = List.copyOf(this.answered);
		this.parts.deliveries()
			.recordAndMarkSending(outcomes.stream()
				.map((answer) -> new Deliveries.Outcome(answer.delivery().id(), answer.outcome().status(),
						answer.outcome().reply(), answer.attempts()))
				.toList(), next);
		this.answered.clear();
		this.queue.recorded(outcomes.size());
		outcomes.forEach(this::recorded);
	}

	private void release(List<Handed> unsent, String reply) {
		unsent.forEach((message) -> this.parts.deliveries().release(message.delivery().id(), reply));
	}

	/**
	 * What follows an outcome in the ledger: a warning for what was not sent, and a hard
	 * bounce counted towards suppressing the address.
	 */
	private void recorded(Answered answered) {
		Delivery delivery = answered.delivery();
		SmtpConnection.Outcome outcome = answered.outcome();
		if (outcome.status() != DeliveryStatus.SENT) {
			logger.warn("{} to subscriber {}: {} after {} attempt(s) ({})", delivery.messageId(),
					delivery.subscriberId(), outcome.status(), answered.attempts(), outcome.reply());
		}
		if (outcome.hardBounce() && this.parts.subscribers()
			.recordHardBounce(delivery.subscriberId(), this.parts.settings().bouncesToSuppress())) {
			logger.warn("Subscriber {} is suppressed after {} hard bounce(s)", delivery.subscriberId(),
					this.parts.settings().bouncesToSuppress());
		}
	}

	@Override
	public void close() {
		// never interrupt the composing thread: an interrupt in the middle of a database
		// read closes H2's file; a group it is composing is simply not used
		this.composing.shutdown();
		this.connection.close();
	}

}
