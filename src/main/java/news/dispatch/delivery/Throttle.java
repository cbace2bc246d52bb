package news.dispatch.delivery;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spaces messages out so that no more than {@code rate} a second go out over all
 * connections, and no more than {@code domainRate} a second to one recipient domain. A
 * rate of 0 means no limit. Each caller reserves the next free slot and sleeps until it.
 */
class Throttle {

	private final long interval;

	private final long domainInterval;

	private long next;

	private final Map<String, Long> nextByDomain = new HashMap<>();

	Throttle(double rate, double domainRate) {
		this.interval = nanosBetween(rate);
		this.domainInterval = nanosBetween(domainRate);
		this.next = System.nanoTime();
	}

	/**
	 * Waits until a message to this domain may go.
	 */
	void acquire(String domain) throws InterruptedException {
		long wait = reserve(domain);
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/**
	 * Reserves the next slot for a message to this domain.
	 * @return how many nanoseconds to wait before sending it; 0 to send now
	 */
	long reserve(String domain) {
		if (this.interval == 0 && this.domainInterval == 0) {
			return 0;
		}
		synchronized (this) {
			long now = System.nanoTime();
			long at = now;
			if (this.interval > 0) {
				at = Math.max(now, this.next);
				this.next = at + this.interval;
			}
			if (this.domainInterval > 0) {
				if (this.nextByDomain.size() > 10_000) {
					this.nextByDomain.values().removeIf((free) -> free < now);
				}
				long domainAt = Math.max(now, this.nextByDomain.getOrDefault(domain, now));
				this.nextByDomain.put(domain, domainAt + this.domainInterval);
				at = Math.max(at, domainAt);
			}
			return at - now;
		}
	}

	static String domain(String address) {
		int at = address.lastIndexOf('@');
		return (at < 0) ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	private static long nanosBetween(double perSecond) {
		return (perSecond > 0) ? (long) (1_000_000_000L / perSecond) : 0;
	}

}
