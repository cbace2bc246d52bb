package news.dispatch.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the process's requests to each host within {@code host-connections} at once and
 * {@code host-interval} apart, over every source, every prefetching thread and every
 * linked page: a newsroom with thirty feeds on one publisher's server reads them one
 * after another, not all at once.
 */
@Component
class HostGates {

	/**
	 * No limits, for a fetcher made outside the application (tests of the fetcher).
	 */
	static final HostGates NONE = new HostGates(Integer.MAX_VALUE, Duration.ZERO);

	private final int connections;

	private final long intervalNanos;

	private final Map<String, Gate> gates = new ConcurrentHashMap<>();

	@Autowired
	HostGates(IngestSettings settings) {
		this(settings.politeness().hostConnections(), settings.politeness().hostInterval());
	}

	HostGates(int connections, Duration interval) {
		this.connections = connections;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Waits for a turn at the address's host, then holds one of its connections until the
	 * returned pass is closed.
	 */
	Pass enter(URI address) throws InterruptedException {
		String host = String.valueOf(address.getHost()).toLowerCase(Locale.ROOT) + ":" + address.getPort();
		Gate gate = this.gates.computeIfAbsent(host, (h) -> new Gate(this.connections));
		gate.permits.acquire();
		try {
			long wait = gate.nextStart(this.intervalNanos);
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
		}
		catch (InterruptedException ex) {
			gate.permits.release();
			throw ex;
		}
		return gate.permits::release;
	}

	/**
	 * A held connection to a host.
	 */
	interface Pass extends AutoCloseable {

		@Override
		void close();

	}

	private static final class Gate {

		private final Semaphore permits;

		private long lastStart = System.nanoTime() - Long.MAX_VALUE / 4;

		Gate(int connections) {
			this.permits = new Semaphore(connections, true);
		}

		/**
		 * Takes the next start time at least the interval after the one before, and says
		 * how long to wait for it.
		 */
		synchronized long nextStart(long intervalNanos) {
			long now = System.nanoTime();
			long start = Math.max(now, this.lastStart + intervalNanos);
			this.lastStart = start;
			return start - now;
		}

	}

}
