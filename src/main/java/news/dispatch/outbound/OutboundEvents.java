package news.dispatch.outbound;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.ingest.SourceFailing;
import news.dispatch.run.JobDescriptors;
import news.dispatch.run.RunFinished;
import news.dispatch.run.RunStarted;
import news.dispatch.subscriber.SubscriberBounced;
import news.dispatch.subscriber.SubscriberChanged;
import news.dispatch.subscriber.SubscriberComplained;
import news.dispatch.subscriber.SubscriberConfirmed;
import news.dispatch.subscriber.SubscriberUnsubscribed;
import news.dispatch.subscriber.Subscribers;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what the other features announce into outbox events. Each listener runs in the
 * announcer's thread and transaction (a subscriber's change and its event commit or roll
 * back together), and only writes to the database.
 */
@Component
class OutboundEvents {

	private final Outbox outbox;

	private final JobDescriptors jobs;

	private final EditionTotals totals;

	private final Subscribers subscribers;

	OutboundEvents(Outbox outbox, JobDescriptors jobs, EditionTotals totals, Subscribers subscribers) {
		this.outbox = outbox;
		this.jobs = jobs;
		this.totals = totals;
		this.subscribers = subscribers;
	}

	@EventListener
	void on(RunStarted started) {
		JobExecution execution = started.execution();
		List<LedgerKey> keys = this.jobs.keys(execution);
		if (this.jobs.sendsDigests(execution.getJobInstance().getJobName()) && !keys.isEmpty()) {
			Map<String, @Nullable Object> data = run(execution);
			data.put("editions", keys.stream().map(LedgerKey::key).toList());
			this.outbox.add(EventTypes.EDITION_STARTED, data, Instant.now());
		}
	}

	@EventListener
	void on(RunFinished finished) {
		JobExecution execution = finished.execution();
		String job = execution.getJobInstance().getJobName();
		List<LedgerKey> keys = this.jobs.keys(execution);
		Instant now = Instant.now();
		if (!keys.isEmpty()) {
			Map<String, @Nullable Object> data = run(execution);
			data.put("status", execution.getStatus().name());
			data.put("deliveries", counts(this.totals.counts(keys)));
			if (keys.get(0).kind() == LedgerKey.Kind.ALERT) {
				data.put("article", keys.get(0).articleId());
				this.outbox.add(EventTypes.ALERT_SENT, data, now);
			}
			else if (this.jobs.sendsDigests(job)) {
				data.put("editions", keys.stream().map(LedgerKey::key).toList());
				this.outbox.add(EventTypes.EDITION_FINISHED, data, now);
			}
		}
		if (execution.getStatus() == BatchStatus.FAILED) {
			Map<String, @Nullable Object> data = run(execution);
			data.put("exitCode", execution.getExitStatus().getExitCode());
			data.put("failure", finished.failure());
			this.outbox.add(EventTypes.RUN_FAILED, data, now);
		}
	}

	@EventListener
	void on(SubscriberConfirmed event) {
		subscriber(EventTypes.SUBSCRIBER_CONFIRMED, event.subscriberId(), Map.of());
	}

	@EventListener
	void on(SubscriberChanged event) {
		subscriber(EventTypes.SUBSCRIBER_CHANGED, event.subscriberId(), Map.of());
	}

	@EventListener
	void on(SubscriberUnsubscribed event) {
		subscriber(EventTypes.SUBSCRIBER_UNSUBSCRIBED, event.subscriberId(), Map.of());
	}

	@EventListener
	void on(SubscriberBounced event) {
		subscriber(EventTypes.SUBSCRIBER_BOUNCED, event.subscriberId(), Map.of("suppressed", event.suppressed()));
	}

	@EventListener
	void on(SubscriberComplained event) {
		subscriber(EventTypes.SUBSCRIBER_COMPLAINED, event.subscriberId(), Map.of("reason", event.reason()));
	}

	@EventListener
	void on(SourceFailing event) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("location", event.location());
		data.put("failures", event.failures());
		data.put("failingSince", event.failingSince().toString());
		data.put("lastError", event.lastError());
		this.outbox.add(EventTypes.SOURCE_FAILING, data, Instant.now());
	}

	private void subscriber(String type, long id, Map<String, Object> more) {
		if (!this.outbox.wanted(type)) {
			return;
		}
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("subscriberId", id);
		data.put("email", this.subscribers.find(id).map((s) -> s.email()).orElse(null));
		data.putAll(more);
		this.outbox.add(type, data, Instant.now());
	}

	private static Map<String, @Nullable Object> run(JobExecution execution) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("runId", execution.getId());
		data.put("job", execution.getJobInstance().getJobName());
		return data;
	}

	private static Map<String, Long> counts(Map<DeliveryStatus, Long> counts) {
		Map<String, Long> all = new TreeMap<>();
		for (DeliveryStatus status : DeliveryStatus.values()) {
			all.put(status.name(), counts.getOrDefault(status, 0L));
		}
		return all;
	}

}
