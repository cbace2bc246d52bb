package news.dispatch.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import news.dispatch.FunctionalTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send rate's slots in the shared database: however many throttles take them at once
 * (each standing for a process, a partition or a thread), no two get the same slot and
 * together they never take more than the rate allows.
 */
@FunctionalTest
@Tag("postgres")
class RateBucketsTests {

	@Autowired
	RateBuckets buckets;

	@Autowired
	JdbcClient jdbc;

	@Test
	void throttlesTakingSlotsAtOnceGetDistinctSlotsOneIntervalApart() throws Exception {
		// given: four throttles on the shared slots, at 100 messages a second
		long interval = 10_000;
		long now = Throttle.now();
		String bucket = "test:" + now;
		ExecutorService threads = Executors.newFixedThreadPool(4);

		// when: each takes 25 batches of 10 slots at the same moment
		List<Future<List<Long>>> taken = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			taken.add(threads.submit(() -> {
				List<Long> firsts = new ArrayList<>();
				for (int i = 0; i < 25; i++) {
					firsts.add(this.buckets.take(bucket, interval, 10, now));
				}
				return firsts;
			}));
		}
		List<Long> slots = new ArrayList<>();
		for (Future<List<Long>> firsts : taken) {
			for (long first : firsts.get()) {
				for (int i = 0; i < 10; i++) {
					slots.add(first + i * interval);
				}
			}
		}
		threads.shutdown();

		// then: 1,000 distinct slots, one interval apart, from now on: ten seconds' worth
		Collections.sort(slots);
		assertThat(slots).hasSize(1000).doesNotHaveDuplicates();
		assertThat(slots.get(0)).isEqualTo(now);
		for (int i = 1; i < slots.size(); i++) {
			assertThat(slots.get(i) - slots.get(i - 1)).isEqualTo(interval);
		}
	}

	@Test
	void aThrottleTakesTheSlotsOfItsDomainFromTheSharedBucketOneAtATime() {
		// given: a throttle at 100 a second overall and one message every 100 s to a
		// domain
		// (so the three reservations below fall within one interval however slow the
		// machine: a slot that has passed is not handed out)
		Throttle throttle = new Throttle(100, 0.01, this.buckets);
		String domain = "example" + Throttle.now() + ".test";

		// when: three messages to one new domain
		throttle.reserve(domain);
		long afterFirst = nextAt("domain:" + domain);
		throttle.reserve(domain);
		throttle.reserve(domain);

		// then: the domain's bucket moved on by two intervals of 100 s, one per message
		assertThat(nextAt("domain:" + domain) - afterFirst).isEqualTo(200_000_000L);
	}

	private long nextAt(String bucket) {
		return this.jdbc.sql("select next_at from dispatch_send_rate where name = ?")
			.param(bucket)
			.query(Long.class)
			.single();
	}

}
