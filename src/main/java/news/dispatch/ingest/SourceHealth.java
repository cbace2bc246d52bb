package news.dispatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * When a feed or page is read again, after it was read or failed: not before the time a
 * server's {@code Retry-After}, {@code Cache-Control}/{@code Expires} or the feed's own
 * {@code ttl} and {@code skipHours} give (each capped at {@code max-wait}); and, after
 * {@code failures-before-backoff} failures in a row, not before {@code backoff} doubled
 * with each further failure (capped at {@code max-backoff}). A success ends it all. A
 * source failing longer than {@code alert-after} is reported once per failing spell: a
 * log line, the gauge {@code dispatch.ingest.sources.reported} and a
 * {@link SourceFailing} event.
 */
@Component
class SourceHealth {

	static final String RETRY_AFTER = "retry-after";

	static final String CACHE = "cache";

	static final String TTL = "ttl";

	static final String SKIP_HOURS = "skip-hours";

	static final String BACKOFF = "backoff";

	private static final Logger logger = LoggerFactory.getLogger(SourceHealth.class);

	private final SourceStates states;

	private final IngestSettings.Politeness politeness;

	private final ApplicationEventPublisher events;

	SourceHealth(SourceStates states, IngestSettings settings, ApplicationEventPublisher events) {
		this.states = states;
		this.politeness = settings.politeness();
		this.events = events;
	}

	/**
	 * Why the source is not to be read now, for the report; null when it is due.
	 */
	@Nullable String notDue(SourceSpec source, SourceStates.State state, Instant now) {
		Instant next = state.nextAttemptAt();
		if (next == null || state.due(now)) {
			return null;
		}
		reportIfLong(source, state, now);
		String until = shown(next);
		return switch (String.valueOf(state.waitReason())) {
			case RETRY_AFTER -> "not read: the server asked to wait (Retry-After) until " + until;
			case CACHE -> "not read: the server said it stays as it is until " + until + " (Cache-Control or Expires)";
			case TTL -> "not read: the feed asks to be kept until " + until + " (ttl)";
			case SKIP_HOURS -> "not read: the feed asks not to be read at this hour (skipHours); next after " + until;
			default -> "not read: failed " + state.failures() + " times in a row since " + shown(state.failingSince())
					+ "; backing off until " + until
					+ ", then it is tried again by itself (dispatch sources list shows the last error)";
		};
	}

	/**
	 * Records a read: when the source may be read next. Returns a report note when it
	 * came back after failures, else null.
	 */
	@Nullable String succeeded(SourceStates.State state, SourceDownload download, Instant now) {
		Instant next = null;
		String reason = null;
		if (download.freshUntil() != null && download.freshUntil().isAfter(now)) {
			next = download.freshUntil();
			reason = CACHE;
		}
		FeedSchedule schedule = (download.feed() != null) ? download.feed().schedule() : FeedSchedule.NONE;
		if (schedule.ttl() != null && (next == null || now.plus(schedule.ttl()).isAfter(next))) {
			next = now.plus(schedule.ttl());
			reason = TTL;
		}
		next = capped(next, now);
		Instant outside = schedule.outsideSkips((next != null) ? next : now);
		if (!outside.equals((next != null) ? next : now)) {
			next = capped(outside, now);
			reason = SKIP_HOURS;
		}
		this.states.succeeded(state.id(), now, next, (next != null) ? reason : null);
		if (state.failures() == 0) {
			return null;
		}
		if (state.reportedAt() != null) {
			logger.info("Source {} is read again after {} failures since {}", download.address(), state.failures(),
					shown(state.failingSince()));
		}
		return "read again after " + state.failures() + ((state.failures() == 1) ? " failure" : " failures") + " since "
				+ shown(state.failingSince());
	}

	/**
	 * Records a failure and decides when the source is tried again; returns the failure
	 * with that added to its reason, for the report.
	 */
	UnusableInputException failed(SourceSpec source, SourceStates.State state, UnusableInputException failure,
			Instant now) {
		int failures = state.failures() + 1;
		Instant next = null;
		String reason = null;
		if (failure instanceof AskedToWaitException wait) {
			next = capped(wait.until(), now);
			reason = RETRY_AFTER;
		}
		if (failures >= this.politeness.failuresBeforeBackoff()) {
			Instant backedOff = now.plus(backoff(failures));
			if (next == null || backedOff.isAfter(next)) {
				next = backedOff;
				reason = BACKOFF;
			}
		}
		this.states.failed(state.id(), now, failure.reason(), next, reason);
		Instant since = (state.failingSince() != null) ? state.failingSince() : now;
		SourceStates.State after = new SourceStates.State(state.id(), state.etag(), state.lastModified(), next, reason,
				failures, since, state.reportedAt(), failure.reason());
		reportIfLong(source, after, now);
		if (!BACKOFF.equals(reason)) {
			return failure;
		}
		return new UnusableInputException(failure.source(), failure.item(),
				failure.reason() + "; failed " + failures + " times in a row since " + shown(since)
						+ ", so it is not read again before " + shown(next)
						+ " (backing off; it comes back by itself)");
	}

	/**
	 * The pause after this many failures in a row: {@code backoff}, doubled with each
	 * failure past the first that backs off, at most {@code max-backoff}.
	 */
	Duration backoff(int failures) {
		int doublings = Math.min(30, failures - this.politeness.failuresBeforeBackoff());
		Duration pause = this.politeness.backoff().multipliedBy(1L << doublings);
		return (pause.compareTo(this.politeness.maxBackoff()) > 0) ? this.politeness.maxBackoff() : pause;
	}

	private void reportIfLong(SourceSpec source, SourceStates.State state, Instant now) {
		Duration alertAfter = this.politeness.alertAfter();
		if (alertAfter.isZero() || state.failures() == 0 || state.failingSince() == null || state.reportedAt() != null
				|| now.isBefore(state.failingSince().plus(alertAfter))) {
			return;
		}
		String lastError = (state.lastError() != null) ? state.lastError() : "see dispatch sources list";
		logger.warn(
				"Source {} ({}) has been failing since {} ({} failures in a row; last: {}); check it, or take it"
						+ " out of dispatch.ingest.sources",
				source.name(), source.location(), shown(state.failingSince()), state.failures(), lastError);
		this.states.reported(state.id(), now);
		this.events
			.publishEvent(new SourceFailing(source.location(), state.failures(), state.failingSince(), lastError));
	}

	private @Nullable Instant capped(@Nullable Instant next, Instant now) {
		if (next == null) {
			return null;
		}
		Instant latest = now.plus(this.politeness.maxWait());
		return next.isAfter(latest) ? latest : next;
	}

	private static String shown(@Nullable Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : "?";
	}

}
