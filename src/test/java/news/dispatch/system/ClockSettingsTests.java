package news.dispatch.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dispatch.clock}: the real time unless set; set, it shows the given moment at the
 * anchor and goes on at the given rate.
 */
class ClockSettingsTests {

	@Test
	void unsetItIsTheRealTime() {
		Clock clock = new ClockSettings(null, null, 1).clock();
		assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void setItShowsTheStartAtTheAnchorAndGoesAtTheRate() {
		// given: a clock that showed 2026-03-08T06:50Z ten real seconds ago, at 60 times
		// real time
		Instant anchor = Instant.now().minusSeconds(10);
		Clock clock = new ClockSettings(Instant.parse("2026-03-08T06:50:00Z"), anchor, 60).clock();

		// then: it shows ten minutes later, and 60 clock seconds more for every real
		// second
		// since the anchor beyond those ten (a busy machine takes its time to ask)
		Instant shown = clock.instant();
		long realSeconds = Duration.between(anchor, Instant.now()).toSeconds();
		assertThat(shown).isBetween(Instant.parse("2026-03-08T07:00:00Z"),
				Instant.parse("2026-03-08T06:50:00Z").plusSeconds((realSeconds + 1) * 60));
	}

}
