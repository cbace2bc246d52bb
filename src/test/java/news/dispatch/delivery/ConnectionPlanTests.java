package news.dispatch.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How many connections an edition gets for a relay of a given speed: enough for the
 * target duration, within max-connections and no more than the rate keeps busy, shared
 * evenly among partitions.
 */
class ConnectionPlanTests {

	/** 200 ms a message: 5 messages/s per connection. */
	static final RelaySpeed FIVE_PER_SECOND = new RelaySpeed("relay.example:25", Duration.ofMillis(100),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), false, 5);

	@Test
	void anEditionGetsTheConnectionsThatFinishItWithinTheTarget() {
		ConnectionPlan plan = ConnectionPlan.of(FIVE_PER_SECOND, 30_000, Duration.ofMinutes(10), 1, settings(20, 0));

		assertThat(plan.needed()).isEqualTo(10);
		assertThat(plan.connections()).isEqualTo(10);
		assertThat(plan.limitedBy()).isNull();
		assertThat(plan.expected()).isEqualTo(Duration.ofMinutes(10));
		assertThat(plan.why()).startsWith("10 connection(s): a message takes 200 ms (reckoned) over relay.example:25")
			.contains("5 messages/s per connection")
			.contains("30,000 message(s) within 10m (dispatch.sending.target-duration) need 10;")
			.endsWith("expected to take about 10m.");
	}

	@Test
	void aSmallEditionGetsOneConnection() {
		ConnectionPlan plan = ConnectionPlan.of(FIVE_PER_SECOND, 100, Duration.ofMinutes(10), 1, settings(20, 0));

		assertThat(plan.needed()).isEqualTo(1);
		assertThat(plan.connections()).isEqualTo(1);
	}

	@Test
	void maxConnectionsCapsTheChoiceAndTheExpectedTimeSaysSo() {
		ConnectionPlan plan = ConnectionPlan.of(FIVE_PER_SECOND, 300_000, Duration.ofMinutes(10), 1, settings(20, 0));

		assertThat(plan.needed()).isEqualTo(100);
		assertThat(plan.connections()).isEqualTo(20);
		assertThat(plan.limitedBy()).isEqualTo("dispatch.sending.max-connections (20)");
		assertThat(plan.expected()).isEqualTo(Duration.ofMinutes(50));
	}

	@Test
	void noMoreConnectionsThanTheRateKeepsBusy() {
		ConnectionPlan plan = ConnectionPlan.of(FIVE_PER_SECOND, 300_000, Duration.ofMinutes(10), 1, settings(20, 30));

		assertThat(plan.connections()).isEqualTo(6);
		assertThat(plan.limitedBy()).startsWith("dispatch.sending.rate (30/s");
		assertThat(plan.expected()).isEqualTo(Duration.ofSeconds(10_000));
	}

	@Test
	void partitionsShareTheConnectionsEvenlyWithinTheCap() {
		ConnectionPlan some = ConnectionPlan.of(FIVE_PER_SECOND, 30_000, Duration.ofMinutes(10), 4, settings(20, 0));
		ConnectionPlan many = ConnectionPlan.of(FIVE_PER_SECOND, 300_000, Duration.ofMinutes(10), 4, settings(20, 0));
		ConnectionPlan tooMany = ConnectionPlan.of(FIVE_PER_SECOND, 300_000, Duration.ofMinutes(10), 30,
				settings(20, 0));

		assertThat(some.perPartition()).isEqualTo(3);
		assertThat(some.connections()).isEqualTo(12);
		assertThat(many.perPartition()).isEqualTo(5);
		assertThat(many.connections()).isEqualTo(20);
		assertThat(tooMany.perPartition()).as("at least one each").isEqualTo(1);
	}

	@Test
	void theSettingIsANumberOrAuto() {
		assertThat(Connections.valueOf(" Auto ").auto()).isTrue();
		assertThat(Connections.valueOf("12").count()).isEqualTo(12);
		assertThat(Connections.valueOf(3)).isEqualTo(Connections.of(3)).hasToString("3");
		assertThatThrownBy(() -> Connections.valueOf("0"))
			.hasMessage("dispatch.sending.connections is 0; set it to 1 or more, or to auto.");
		assertThatThrownBy(() -> Connections.valueOf("many"))
			.hasMessage("dispatch.sending.connections is \"many\"; set it to a number of connections or to auto.");
	}

	private static SendingSettings settings(int maxConnections, double rate) {
		return new SendingSettings(Connections.AUTO, rate, 0, 3, Duration.ofSeconds(1), Duration.ofSeconds(30), 2, 1,
				false, Duration.ofHours(1), 10, Duration.ofMinutes(30), maxConnections,
				new SendingSettings.RelayCheckSettings(null, 5));
	}

}
