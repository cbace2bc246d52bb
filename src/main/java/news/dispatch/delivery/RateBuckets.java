package news.dispatch.delivery;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send rate's slots in the shared database ({@code dispatch_send_rate}): one row per
 * limit holds the next free moment to send, and a process takes a batch of slots with a
 * conditional update, so every process that sends (threads, partitions, workers,
 * instances) shares one limit. The moments are the hosts' clocks, which must agree (NTP).
 */
@Repository
class RateBuckets implements Throttle.Slots {

	/** how much of a second's worth of slots a process takes at once */
	private static final double BATCH_SECONDS = 0.1;

	private static final int MAX_BATCH = 20;

	private final JdbcClient jdbc;

	private final TransactionTemplate own;

	RateBuckets(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public long take(String bucket, long interval, int count, long now) {
		while (true) {
			Long taken = this.own.execute((status) -> {
				Long next = this.jdbc.sql("select next_at from dispatch_send_rate where name = ?")
					.param(bucket)
					.query(Long.class)
					.optional()
					.orElse(null);
				if (next == null) {
					try {
						this.jdbc.sql("insert into dispatch_send_rate (name, next_at) values (?, ?)")
							.params(bucket, now + count * interval)
							.update();
						return now;
					}
					catch (DuplicateKeyException ex) {
						status.setRollbackOnly();
						return null;
					}
				}
				long at = Math.max(now, next);
				// only if no other process took slots meanwhile
				int updated = this.jdbc.sql("update dispatch_send_rate set next_at = ? where name = ? and next_at = ?")
					.params(at + count * interval, bucket, next)
					.update();
				return (updated == 1) ? at : null;
			});
			if (taken != null) {
				return taken;
			}
		}
	}

	@Override
	public int batch(double perSecond) {
		return (int) Math.max(1, Math.min(MAX_BATCH, Math.floor(perSecond * BATCH_SECONDS)));
	}

}
