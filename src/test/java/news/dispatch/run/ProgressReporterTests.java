package news.dispatch.run;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress line's thread asks the database how a run is going; it must never be
 * interrupted in the middle of a question, since an interrupt during a read closes H2's
 * file for every thread of the process (a 1,000,000-reader edition ended so, its final
 * report lost to a ClosedChannelException).
 */
class ProgressReporterTests {

	@Test
	void aRunThatEndsWhileTheReporterAsksTheDatabaseLetsTheQuestionFinishUninterrupted() throws Exception {
		// given: runs whose listing takes a while, as a count over a large edition does
		CountDownLatch asking = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		AtomicBoolean answered = new AtomicBoolean();
		RunningJobs slow = new RunningJobs(null, (event) -> {
		}) {

			@Override
			public Set<Long> ids() {
				asking.countDown();
				try {
					TimeUnit.MILLISECONDS.sleep(300);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
				answered.set(true);
				return Set.of();
			}

		};
		ProgressReporter reporter = new ProgressReporter(null, slow, null, Duration.ofMillis(10), null, null);

		// when: the run ends while the reporter is in the middle of its question
		String result = reporter.during(false, () -> {
			assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();
			return "done";
		});

		// then: the question was answered, not interrupted, before the run returned
		assertThat(result).isEqualTo("done");
		assertThat(interrupted).isFalse();
		assertThat(answered).isTrue();
	}

}
