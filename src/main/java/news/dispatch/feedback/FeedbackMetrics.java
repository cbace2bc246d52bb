package news.dispatch.feedback;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Late bounces and complaints as counters: {@code dispatch.feedback.reports{kind}}
 * ({@code hard_bounce}, {@code soft_bounce}, {@code complaint}), the reports taken in and
 * tied to our messages. Read from the database, so they count what every process took in,
 * {@code dispatch bounces import} included.
 */
@Component
class FeedbackMetrics implements MeterBinder {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final FeedbackReports reports;

	private Map<ReportKind, Long> counts = new EnumMap<>(ReportKind.class);

	private long readAt;

	FeedbackMetrics(FeedbackReports reports) {
		this.reports = reports;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ReportKind kind : new ReportKind[] { ReportKind.HARD_BOUNCE, ReportKind.SOFT_BOUNCE,
				ReportKind.COMPLAINT }) {
			FunctionCounter.builder("dispatch.feedback.reports", this, (metrics) -> metrics.count(kind))
				.tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
				.description("Late bounces and complaints taken in, by kind")
				.register(registry);
		}
	}

	private synchronized double count(ReportKind kind) {
		if (this.readAt == 0 || System.nanoTime() - this.readAt > FRESH.toNanos()) {
			this.counts = this.reports.counts();
			this.readAt = System.nanoTime();
		}
		return this.counts.getOrDefault(kind, 0L);
	}

}
