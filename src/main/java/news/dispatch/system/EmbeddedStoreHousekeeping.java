package news.dispatch.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Compacts the embedded H2 file while Dispatch runs. With {@code WRITE_DELAY=0} (every
 * commit on disk before it returns: the ledger must not forget a message it sent) H2 runs
 * no housekeeping of its own, so each commit leaves a chunk in the file that is never
 * rewritten: a 1,000,000-reader edition (a commit per message) grew the file from 0.9 to
 * over 12 GB and kept the metadata of some 200,000 chunks on the heap, growing with the
 * readers. Every {@code dispatch.h2.compact-interval} this rewrites the live pages of
 * sparse chunks into new ones, as H2's own background writer does with a write delay, and
 * the emptied chunks are freed. Only the process that holds the file does it (a second
 * process reaches it through the first, and takes over when the first ends); on
 * PostgreSQL it does nothing.
 */
@Component
class EmbeddedStoreHousekeeping implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedStoreHousekeeping.class);

	/** Chunks filled less than this are rewritten (H2's own default). */
	static final int TARGET_FILL_RATE = 90;

	/**
	 * Rewritten at a time, under the store's lock: a commit waits for at most this much.
	 */
	static final int WRITE_STEP = 1024 * 1024;

	private final DataSource dataSource;

	private final Duration interval;

	private @Nullable ScheduledExecutorService timer;

	EmbeddedStoreHousekeeping(DataSource dataSource, @Value("${dispatch.h2.compact-interval:1s}") Duration interval) {
		this.dataSource = dataSource;
		this.interval = interval;
	}

	/**
	 * Rewrites sparse chunks of the embedded store, for at most a fifth of the interval.
	 * @return whether this process holds an embedded H2 store to compact
	 */
	boolean compact() {
		try (Connection connection = this.dataSource.getConnection()) {
			MVStore store = embeddedStore(connection);
			if (store == null || store.isClosed()) {
				return false;
			}
			long deadline = System.nanoTime() + this.interval.toNanos() / 5;
			while (store.compact(TARGET_FILL_RATE, WRITE_STEP) && System.nanoTime() < deadline) {
				// one step after another while chunks are sparse and time is left
			}
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not compact the H2 file: {}", ex.getMessage());
			return false;
		}
	}

	/**
	 * Whether the database is H2: this process may hold the file now or later (another
	 * process that held it ended), so it looks at every interval.
	 */
	private boolean onH2() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isWrapperFor(JdbcConnection.class);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	static @Nullable MVStore embeddedStore(Connection connection) throws SQLException {
		if (!connection.isWrapperFor(JdbcConnection.class)) {
			return null;
		}
		if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
				&& session.getDatabase().getStore() != null) {
			return session.getDatabase().getStore().getMvStore();
		}
		return null;
	}

	@Override
	public void start() {
		if (this.interval.isZero() || this.interval.isNegative() || !onH2()) {
			return;
		}
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "h2-housekeeping");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.interval.toMillis();
		this.timer.scheduleWithFixedDelay(this::compact, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.timer != null) {
			// no interrupt: one in the middle of rewriting a chunk closes H2's file; the
			// compaction in hand (a fifth of the interval at most) finishes
			this.timer.shutdown();
			try {
				this.timer.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.timer = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
