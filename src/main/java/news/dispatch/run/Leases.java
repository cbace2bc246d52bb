package news.dispatch.run;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases in the shared database: a named thing held by one owner until a time, renewed by
 * the owner's heartbeat. A lease whose time has passed belongs to an owner that stopped
 * beating (its process died, on whichever host): another may take it. Leases go by the
 * real time, whatever {@code dispatch.clock} says, so that instances agree.
 */
@Repository
class Leases {

	private final JdbcClient jdbc;

	private final TransactionTemplate own;

	Leases(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * A lease as the database holds it.
	 */
	record Lease(String name, String owner, Instant expiresAt) {

		boolean expired(Instant now) {
			return this.expiresAt.isBefore(now);
		}

	}

	/**
	 * Takes the lease for {@code ttl} if it is free, expired, already this owner's, or
	 * held by {@code replaceable}'s say-so, in a transaction of its own.
	 * @return whether {@code owner} holds it now
	 */
	boolean acquire(String name, String owner, Duration ttl) {
		return acquire(name, owner, ttl, null);
	}

	boolean acquire(String name, String owner, Duration ttl, java.util.function.Predicate<String> replaceable) {
		Instant now = Instant.now();
		Boolean taken = this.own.execute((status) -> {
			Optional<Lease> current = find(name);
			if (current.isEmpty()) {
				try {
					this.jdbc.sql("insert into dispatch_lease (name, owner, expires_at) values (?, ?, ?)")
						.params(name, owner, at(now.plus(ttl)))
						.update();
					return true;
				}
				catch (DataIntegrityViolationException ex) {
					status.setRollbackOnly();
					return false;
				}
			}
			Lease lease = current.get();
			boolean free = lease.owner().equals(owner) || lease.expired(now)
					|| (replaceable != null && replaceable.test(lease.owner()));
			if (!free) {
				return false;
			}
			// only if nobody took it meanwhile
			return this.jdbc
				.sql("update dispatch_lease set owner = ?, expires_at = ? where name = ? and owner = ?"
						+ " and expires_at = ?")
				.params(owner, at(now.plus(ttl)), name, lease.owner(), at(lease.expiresAt()))
				.update() == 1;
		});
		return Boolean.TRUE.equals(taken);
	}

	/**
	 * Extends the leases of this owner by {@code ttl} from now.
	 */
	int renew(String owner, Duration ttl) {
		return this.jdbc.sql("update dispatch_lease set expires_at = ? where owner = ?")
			.params(at(Instant.now().plus(ttl)), owner)
			.update();
	}

	/**
	 * Extends these leases, if {@code owner} still holds them.
	 */
	void renew(Collection<String> names, String owner, Duration ttl) {
		for (String name : names) {
			this.jdbc.sql("update dispatch_lease set expires_at = ? where name = ? and owner = ?")
				.params(at(Instant.now().plus(ttl)), name, owner)
				.update();
		}
	}

	void release(String name, String owner) {
		this.jdbc.sql("delete from dispatch_lease where name = ? and owner = ?").params(name, owner).update();
	}

	/**
	 * Deletes a lease, whoever holds it.
	 */
	void forget(String name) {
		this.jdbc.sql("delete from dispatch_lease where name = ?").param(name).update();
	}

	/**
	 * How many leases whose names start with {@code prefix} have not run out.
	 */
	int live(String prefix) {
		return this.jdbc.sql("select count(*) from dispatch_lease where name like ? and expires_at > ?")
			.params(prefix + "%", at(Instant.now()))
			.query(Integer.class)
			.single();
	}

	Optional<Lease> find(String name) {
		return this.jdbc.sql("select name, owner, expires_at from dispatch_lease where name = ?")
			.param(name)
			.query((rs, row) -> new Lease(rs.getString(1), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.optional();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
