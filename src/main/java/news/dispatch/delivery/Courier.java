package news.dispatch.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import news.dispatch.subscriber.Subscribers;
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
			Subscribers subscribers, Throttle throttle, SendingSettings settings) {
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
	 * Composes and sends these deliveries, one after the other.
	 * @throws SmtpUnavailableException when the server cannot be used, after the retries
	 * @throws MessageCompositionException when a message cannot be composed
	 */
	void deliver(List<Delivery> deliveries) throws InterruptedException {
		Map<Long, Optional<ComposedMessage>> composed = this.parts.composer().composeAll(deliveries);
		for (Delivery delivery : deliveries) {
			Optional<ComposedMessage> message = composed.getOrDefault(delivery.id(), Optional.empty());
			if (message.isEmpty()) {
				record(delivery, new Postman.Outcome(DeliveryStatus.FAILED,
						"not sent: the subscriber no longer receives mail", false), 0);
				continue;
			}
			MimeMessage mime;
			try {
				mime = this.parts.messages().create(this.parts.server().session(), delivery, message.get());
			}
			catch (AddressException ex) {
				record(delivery, new Postman.Outcome(DeliveryStatus.BOUNCED,
						"invalid address: " + message.get().to() + " (" + ex.getMessage() + ")", true), 0);
				continue;
			}
			catch (MessagingException ex) {
				throw new MessageCompositionException("The message " + delivery.messageId() + " cannot be built ("
						+ ex.getMessage() + "); fix the template or the subscriber's"
						+ " details and restart the run (dispatch jobs restart ID).", ex);
			}
			this.parts.throttle().acquire(Throttle.domain(message.get().to()));
			send(delivery, mime);
		}
	}

	private void send(Delivery delivery, MimeMessage mime) {
		AtomicInteger attempts = new AtomicInteger();
		this.parts.deliveries().markSending(delivery.id());
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
		record(delivery, outcome, attempts.get());
	}

	private void record(Delivery delivery, Postman.Outcome outcome, int attempts) {
		this.parts.deliveries().record(delivery.id(), outcome.status(), outcome.reply(), attempts);
		if (outcome.status() != DeliveryStatus.SENT) {
			logger.warn("{} to subscriber {}: {} after {} attempt(s) ({})", delivery.messageId(),
					delivery.subscriberId(), outcome.status(), attempts, outcome.reply());
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
