package news.dispatch.delivery;

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
		long start = System.nanoTime();
		for (int i = 0; i < 26; i++) {
			throttle.acquire("domain" + i + ".example");
		}
		long took = (System.nanoTime() - start) / 1_000_000;

		// then: the first goes at once, the other 25 at 20 ms intervals
		assertThat(took).isBetween(480L, 1500L);
	}

	@Test
	void oneDomainIsLimitedWithoutHoldingUpTheOthers() throws Exception {
		// given: no overall limit, 10 messages a second to one domain
		Throttle throttle = new Throttle(0, 10);

		// when: 100 messages to distinct domains, then 4 to one domain
		long start = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			throttle.acquire("domain" + i + ".example");
		}
		long others = (System.nanoTime() - start) / 1_000_000;
		for (int i = 0; i < 4; i++) {
			throttle.acquire("gmail.com");
		}
		long took = (System.nanoTime() - start) / 1_000_000;

		// then: the distinct domains did not wait (at 10 a second they would take 10 s);
		// the one domain took 3 intervals
		assertThat(others).isLessThan(2000L);
		assertThat(took - others).isBetween(290L, 1500L);
	}

	@Test
	void theDomainIsTheRightHandSideInLowerCase() {
		assertThat(Throttle.domain("Ana@Example.COM")).isEqualTo("example.com");
	}

}
