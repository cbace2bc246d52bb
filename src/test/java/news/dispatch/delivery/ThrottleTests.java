package news.dispatch.delivery;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits: messages overall, and messages to one recipient domain.
 */
class ThrottleTests {

	@Test
	void noMoreThanTheRateGoOutEachSecond() throws Exception {
		// given: 50 messages a second
		Throttle throttle = new Throttle(50, 0);

		// when: 26 messages to different domains
		long took = millisToAcquire(throttle, distinctDomains(26));

		// then: the first goes at once, the other 25 at 20 ms intervals
		assertThat(took).isBetween(480L, 1500L);
	}

	@Test
	void oneDomainIsLimitedWithoutHoldingUpTheOthers() throws Exception {
		// given: no overall limit, 10 messages a second to one domain
		Throttle throttle = new Throttle(0, 10);

		// when: 100 messages to distinct domains, then 4 to one domain
		long others = millisToAcquire(throttle, distinctDomains(100));
		long took = others + millisToAcquire(throttle, Collections.nCopies(4, "gmail.com"));

		// then: the distinct domains did not wait (at 10 a second they would take 10 s);
		// the one domain took 3 intervals
		assertThat(others).isLessThan(2000L);
		assertThat(took - others).isBetween(290L, 1500L);
	}

	@Test
	void theDomainIsTheRightHandSideInLowerCase() {
		assertThat(Throttle.domain("Ana@Example.COM")).isEqualTo("example.com");
	}

	private static List<String> distinctDomains(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "domain" + i + ".example").toList();
	}

	/**
	 * Takes the throttle's slot for a message to each domain in turn; how many
	 * milliseconds that took.
	 */
	private static long millisToAcquire(Throttle throttle, List<String> domains) throws InterruptedException {
		long start = System.nanoTime();
		for (String domain : domains) {
			throttle.acquire(domain);
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

}
