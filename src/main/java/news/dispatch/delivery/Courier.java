package news.dispatch.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.subscriber.Subscribers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Works one SMTP connection: composes its share of a chunk, sends each message (waiting
 * for the throttle, trying again with exponential backoff when the server refuses for
 * now) and records each outcome in the ledger the moment it is known, outside the chunk's
 * transaction.
 */
class Courier implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Courier.class);

	private final Postman postman;

	private final Parts parts;

	private final RetryTemplate retry;

	/**
	 * What every courier of a send step shares.
	 */
	record Parts(MailServer server, MessageFactory messages, Composer composer, Deliveries deliveries,
			Subscribers subscribers, Throttle throttle, SendingSettings settings, PriorityLane lane) {
	}

	Courier(Parts parts) {
		this.parts = parts;
		this.postman = new Postman(parts.server());
		SendingSettings settings = parts.settings();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(settings.retries())
			.delay(settings.backoff())
			.multiplier(2)
			.maxDelay(settings.maxBackoff())
			.predicate((ex) -> ex instanceof Postman.Deferred
					|| (ex instanceof SmtpUnavailableException unavailable && unavailable.mayRecover()))
			.build());
	}

	/**
	 * Composes and sends these deliveries, one after the other. The outcome of each is
	 * recorded together with marking the next one as in flight, in one transaction, right
	 * after the server answered: before the throttle is waited for, so a message the
	 * server accepted is never left unrecorded while this connection waits.
	 * @throws SmtpUnavailableException when the server cannot be used, after the retries
	 * @throws MessageCompositionException when a message cannot be composed
	 */
	void deliver(List<Delivery> deliveries) throws InterruptedException {
		Map<Long, Optional<ComposedMessage>> composed = this.parts.composer().composeAll(deliveries);
		@Nullable Answered answered = null;
		try {
			for (Delivery delivery : deliveries) {
				Optional<ComposedMessage> message = composed.getOrDefault(delivery.id(), Optional.empty());
				@Nullable MimeMessage mime = null;
				Postman.@Nullable Outcome refused = null;
				if (message.isEmpty()) {
					refused = new Postman.Outcome(DeliveryStatus.FAILED,
							"not sent: the subscriber no longer receives mail", false);
				}
				else {
					try {
						mime = this.parts.messages().create(this.parts.server().session(), delivery, message.get());
					}
					catch (AddressException ex) {
						refused = new Postman.Outcome(DeliveryStatus.BOUNCED,
								"invalid address: " + message.get().to() + " (" + ex.getMessage() + ")", true);
					}
					catch (MessagingException ex) {
						throw new MessageCompositionException("The message " + delivery.messageId()
								+ " cannot be built (" + ex.getMessage() + "); fix the template or the subscriber's"
								+ " details and restart the run (dispatch jobs restart ID).", ex);
					}
				}
				if (refused != null) {
					if (answered != null) {
						record(answered);
						answered = null;
					}
					record(new Answered(delivery, refused, 0));
					continue;
				}
				startSending(answered, delivery);
				answered = null;
				try {
					this.parts.throttle().acquire(Throttle.domain(message.get().to()));
				}
				catch (InterruptedException ex) {
					this.parts.deliveries().release(delivery.id(), "not sent: the run was interrupted");
					throw ex;
				}
				answered = send(delivery, mime);
			}
		}
		finally {
			if (answered != null) {
				record(answered);
			}
		}
	}

	/**
	 * A message the server has answered, its outcome not yet in the ledger.
	 */
	private record Answered(Delivery delivery, Postman.Outcome outcome, int attempts) {
	}

	private void startSending(@Nullable Answered previous, Delivery next) {
		if (previous == null) {
			this.parts.deliveries().markSending(next.id());
			return;
		}
		Postman.Outcome outcome = previous.outcome();
		this.parts.deliveries()
			.recordAndMarkSending(previous.delivery().id(), outcome.status(), outcome.reply(), previous.attempts(),
					next.id());
		recorded(previous);
	}

	private Answered send(Delivery delivery, MimeMessage mime) {
		AtomicInteger attempts = new AtomicInteger();
		Postman.Outcome outcome;
		try {
			outcome = this.retry.execute(() -> {
				attempts.incrementAndGet();
				return this.postman.send(mime);
			});
		}
		catch (RetryException ex) {
			if (ex.getLastException() instanceof Postman.Deferred deferred) {
				outcome = new Postman.Outcome(DeliveryStatus.RETRY, deferred.getMessage(), false);
			}
			else if (ex.getLastException() instanceof RuntimeException failure) {
				// the server is unusable: the message stays as it was, unsent
				this.parts.deliveries().release(delivery.id(), Postman.rootMessage(failure));
				throw failure;
			}
			else {
				throw new IllegalStateException(ex.getLastException());
			}
		}
		return new Answered(delivery, outcome, attempts.get());
	}

	private void record(Answered answered) {
		Postman.Outcome outcome = answered.outcome();
		this.parts.deliveries()
			.record(answered.delivery().id(), outcome.status(), outcome.reply(), answered.attempts());
		recorded(answered);
	}

	/**
	 * What follows an outcome in the ledger: a warning for what was not sent, and a hard
	 * bounce counted towards suppressing the address.
	 */
	private void recorded(Answered answered) {
		Delivery delivery = answered.delivery();
		Postman.Outcome outcome = answered.outcome();
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
		this.postman.close();
	}

}
