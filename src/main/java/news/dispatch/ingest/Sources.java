package news.dispatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How each source Dispatch has read is doing, for {@code dispatch sources list} and the
 * gauges {@code dispatch.ingest.sources{state}} and
 * {@code dispatch.ingest.sources.reported} (sources failing longer than
 * {@code alert-after}).
 */
@Repository
public class Sources implements MeterBinder {

	/**
	 * The states a source can be in, as {@link Status#state()} gives them.
	 */
	public static final List<String> STATES = List.of("new", "ok", "waiting", "failing", "backing-off");

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final IngestSettings settings;

	private List<Status> read = List.of();

	private long readAt;

	Sources(JdbcClient jdbc, IngestSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * One source's state.
	 *
	 * @param name its name in {@code dispatch.ingest.sources}, else its location
	 * @param state {@code new} (never read), {@code ok}, {@code waiting} (not read before
	 * {@code nextAttempt}, as the server or feed asked), {@code failing} (failed, tried
	 * again at the next run) or {@code backing-off} (failed, not tried again before
	 * {@code nextAttempt})
	 * @param waitReason why it waits: {@code retry-after}, {@code cache}, {@code ttl},
	 * {@code skip-hours} or {@code backoff}
	 * @param reported whether the operator was told it has been failing too long
	 */
	public record Status(String location, String name, String state, @Nullable Instant lastSuccess,
			@Nullable String lastError, @Nullable Instant lastErrorAt, int failures, @Nullable Instant failingSince,
			@Nullable Instant nextAttempt, @Nullable String waitReason, boolean reported) {
	}

	/**
	 * Every source read so far, in the order they were first read.
	 */
	public List<Status> list() {
		Map<String, String> names = new HashMap<>();
		for (IngestSettings.Source source : this.settings.sources()) {
			if (source.name() != null) {
				names.put(source.location(), source.name());
			}
		}
		Instant now = Instant.now();
		return this.jdbc
			.sql("select location, last_success_at, last_error, last_error_at, failures, failing_since,"
					+ " next_attempt_at, wait_reason, reported_at, fetched_at from ingest_source order by id")
			.query((rs, row) -> {
				Instant lastSuccess = SourceStates.instant(rs, 2);
				if (lastSuccess == null) {
					// read before next attempts were kept
					lastSuccess = SourceStates.instant(rs, 10);
				}
				Instant next = SourceStates.instant(rs, 7);
				int failures = rs.getInt(5);
				String location = rs.getString(1);
				return new Status(location, names.getOrDefault(location, location),
						state(lastSuccess, failures, next, now), lastSuccess, rs.getString(3),
						SourceStates.instant(rs, 4), failures, SourceStates.instant(rs, 6), next, rs.getString(8),
						SourceStates.instant(rs, 9) != null);
			})
			.list();
	}

	private static String state(@Nullable Instant lastSuccess, int failures, @Nullable Instant next, Instant now) {
		boolean waits = next != null && now.isBefore(next);
		if (failures > 0) {
			return waits ? "backing-off" : "failing";
		}
		if (waits) {
			return "waiting";
		}
		return (lastSuccess != null) ? "ok" : "new";
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String state : STATES) {
			Gauge
				.builder("dispatch.ingest.sources",
						() -> recent().stream().filter((s) -> s.state().equals(state)).count())
				.tag("state", state)
				.description("Sources read so far, by state")
				.register(registry);
		}
		Gauge.builder("dispatch.ingest.sources.reported", () -> recent().stream().filter(Status::reported).count())
			.description("Sources failing longer than dispatch.ingest.politeness.alert-after")
			.register(registry);
	}

	private synchronized List<Status> recent() {
		if (this.readAt == 0 || System.nanoTime() - this.readAt > FRESH.toNanos()) {
			this.read = list();
			this.readAt = System.nanoTime();
		}
		return this.read;
	}

}
