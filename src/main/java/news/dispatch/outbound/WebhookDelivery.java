package news.dispatch.outbound;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Posts the outbox's events to their endpoints: each endpoint in a thread of its own, so
 * a receiver that hangs holds up only itself, and each attempt within
 * {@code dispatch.outbound.timeout}. A 2xx answer is delivered; anything else (an error,
 * a timeout, a refused connection) is tried again after {@code backoff}, doubled each
 * time up to {@code max-backoff}, until {@code give-up-after}. Events are never sent from
 * the thread of what happened: an edition only writes to the outbox.
 */
@Component
public class WebhookDelivery {

	private static final Logger logger = LoggerFactory.getLogger(WebhookDelivery.class);

	private static final int BATCH = 100;

	private final Outbox outbox;

	private final OutboundSettings settings;

	private final HttpClient client;

	private final ExecutorService senders = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "webhook-delivery");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, AtomicBoolean> busy = new ConcurrentHashMap<>();

	private @Nullable ScheduledExecutorService ticks;

	WebhookDelivery(Outbox outbox, OutboundSettings settings) {
		this.outbox = outbox;
		this.settings = settings;
		this.client = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(this.senders)
			.build();
	}

	/**
	 * Starts delivering every {@code interval}, when an endpoint is configured.
	 * @return the endpoints, for the operator; empty when there are none
	 */
	public synchronized List<String> start() {
		if (this.settings.endpoints().isEmpty() || this.ticks != null) {
			return List.of();
		}
		this.ticks = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "webhook-outbox");
			thread.setDaemon(true);
			return thread;
		});
		this.ticks.scheduleWithFixedDelay(this::tick, 0, this.settings.interval().toMillis(), TimeUnit.MILLISECONDS);
		return this.settings.endpoints().stream().map((e) -> e.name() + " (" + e.url() + ")").toList();
	}

	private void tick() {
		for (OutboundSettings.Endpoint endpoint : this.settings.endpoints()) {
			AtomicBoolean running = this.busy.computeIfAbsent(endpoint.name(), (name) -> new AtomicBoolean());
			if (running.compareAndSet(false, true)) {
				try {
					this.senders.execute(() -> {
						try {
							deliverDue(endpoint);
						}
						finally {
							running.set(false);
						}
					});
				}
				catch (RuntimeException ex) {
					running.set(false);
				}
			}
		}
	}

	/**
	 * Delivers what is due now to every endpoint, one after the other, in the calling
	 * thread ({@code dispatch webhooks replay}).
	 * @return deliveries that succeeded
	 */
	public int deliverDueNow() {
		int delivered = 0;
		for (OutboundSettings.Endpoint endpoint : this.settings.endpoints()) {
			delivered += deliverDue(endpoint);
		}
		return delivered;
	}

	int deliverDue(OutboundSettings.Endpoint endpoint) {
		int delivered = 0;
		try {
			List<Outbox.Due> due;
			do {
				due = this.outbox.due(endpoint.name(), Instant.now(), BATCH);
				for (Outbox.Due event : due) {
					Instant now = Instant.now();
					// held a little longer than one attempt can take
					if (this.outbox.claim(event.eventId(), endpoint.name(), now,
							now.plus(this.settings.timeout()).plusSeconds(30)) && deliver(endpoint, event)) {
						delivered++;
					}
				}
			}
			while (due.size() == BATCH && !Thread.currentThread().isInterrupted());
		}
		catch (RuntimeException ex) {
			logger.warn("Webhook deliveries to {} stopped for now ({}); tried again in {} ms", endpoint.name(),
					ex.toString(), this.settings.interval().toMillis());
		}
		return delivered;
	}

	private boolean deliver(OutboundSettings.Endpoint endpoint, Outbox.Due event) {
		byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
		long timestamp = Instant.now().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(endpoint.url())
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Dispatch-Webhooks/1")
			.header(WebhookSignature.ID, event.eventId())
			.header(WebhookSignature.TYPE, event.type())
			.header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
			.header(WebhookSignature.SIGNATURE, WebhookSignature.sign(endpoint.secret(), timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		String error;
		CompletableFuture<HttpResponse<Void>> answer = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.discarding());
		try {
			// the whole exchange, answer body included, within the timeout
			int status = answer.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
			if (status >= 200 && status < 300) {
				this.outbox.delivered(event.eventId(), endpoint.name(), Instant.now());
				return true;
			}
			error = "HTTP " + status;
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			error = "no answer within " + this.settings.timeout().toMillis() + " ms";
		}
		catch (ExecutionException ex) {
			error = String.valueOf(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer.cancel(true);
			error = "interrupted";
		}
		int attempts = event.attempts() + 1;
		Instant now = Instant.now();
		boolean giveUp = now.isAfter(event.occurredAt().plus(this.settings.giveUpAfter()));
		Instant next = now.plus(pause(attempts));
		this.outbox.failed(event.eventId(), endpoint.name(), error, next, giveUp);
		if (giveUp) {
			logger.warn("Webhook {} to {} given up after {} attempts ({}); dispatch webhooks replay {} sends it again",
					event.eventId(), endpoint.name(), attempts, error, event.eventId());
		}
		else {
			logger.info("Webhook {} to {} failed ({}), attempt {}; tried again at {}", event.eventId(), endpoint.name(),
					error, attempts, next);
		}
		return false;
	}

	/**
	 * The pause after this many failed attempts.
	 */
	Duration pause(int attempts) {
		Duration pause = this.settings.backoff().multipliedBy(1L << Math.min(30, attempts - 1));
		return (pause.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : pause;
	}

	/**
	 * Stops looking for events; an attempt under way ends within its timeout.
	 */
	@PreDestroy
	public synchronized void stop() throws InterruptedException {
		if (this.ticks != null) {
			this.ticks.shutdownNow();
			this.ticks = null;
		}
		this.senders.shutdown();
		this.senders.awaitTermination(this.settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
	}

}
