package news.dispatch.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The time Dispatch goes by when it decides what is due: which schedules fire, which
 * subscribers' send hour has come, which day "today" is. The real time unless set, so an
 * operator (or a test) can run Dispatch as if it were another moment, for instance across
 * a daylight-saving change.
 *
 * @param start the moment the clock shows at {@code anchor}; empty for the real time
 * @param anchor the real moment at which the clock shows {@code start}; empty for the
 * moment the process starts. Several processes given the same start and anchor agree.
 * @param rate how many seconds of this clock pass in one real second (60: an hour a
 * minute)
 */
@ConfigurationProperties("dispatch.clock")
public record ClockSettings(@Nullable Instant start, @Nullable Instant anchor, @DefaultValue("1") double rate) {

	public ClockSettings {
		if (rate <= 0) {
			throw new IllegalArgumentException("dispatch.clock.rate is " + rate + "; set it above 0 (1 is real time).");
		}
	}

	/**
	 * How many seconds of the clock pass in one real second: the rate if the clock is
	 * set, else 1 (the real time).
	 */
	public double pace() {
		return (this.start != null) ? this.rate : 1;
	}

	/**
	 * The clock these settings describe.
	 */
	public Clock clock() {
		if (this.start == null) {
			return Clock.systemUTC();
		}
		return new SetClock(this.start, (this.anchor != null) ? this.anchor : Instant.now(), this.rate, ZoneOffset.UTC);
	}

	/**
	 * A clock set to another moment, going at a given rate.
	 */
	static final class SetClock extends Clock {

		private final Instant start;

		private final Instant anchor;

		private final double rate;

		private final ZoneId zone;

		SetClock(Instant start, Instant anchor, double rate, ZoneId zone) {
			this.start = start;
			this.anchor = anchor;
			this.rate = rate;
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new SetClock(this.start, this.anchor, this.rate, zone);
		}

		@Override
		public Instant instant() {
			Duration real = Duration.between(this.anchor, Instant.now());
			return this.start.plusNanos((long) (real.toNanos() * this.rate));
		}

	}

}
