package news.dispatch.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger as metrics: {@code dispatch.deliveries{status}}, the number of messages in
 * each status over all editions. Read from the database, so they count what every process
 * sent, the command line's runs included; a rate of SENT is the sending rate.
 */
@Component
class DeliveryMetrics implements MeterBinder {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);

	private long readAt;

	DeliveryMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (DeliveryStatus status : DeliveryStatus.values()) {
			Gauge.builder("dispatch.deliveries", () -> count(status))
				.tag("status", status.name())
				.description("Messages of the deliveries ledger in this status")
				.register(registry);
		}
	}

	private synchronized long count(DeliveryStatus status) {
		if (System.nanoTime() - this.readAt > FRESH.toNanos()) {
			Map<DeliveryStatus, Long> fresh = new EnumMap<>(DeliveryStatus.class);
			this.jdbc.sql("select status, count(*) from delivery group by status").query((rs) -> {
				fresh.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
			});
			this.counts = fresh;
			this.readAt = System.nanoTime();
		}
		return this.counts.getOrDefault(status, 0L);
	}

}
