package news.dispatch.subscriber;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reader's name and address, changed on their own page. A new name is kept at once. A
 * new address is only asked for: it becomes theirs when they open the link mailed to it
 * ({@link SubscriberLinks#address}), and mail keeps going to the old one until then. An
 * address that belongs to another subscription is refused, without saying whose.
 */
@Service
public class ReaderDetails {

	/**
	 * What a change did.
	 *
	 * @param subscriber the reader as they are now
	 * @param askedAddress the new address to mail the link to, when one was asked for now
	 */
	public record Change(Subscriber subscriber, @Nullable String askedAddress) {
	}

	private final JdbcClient jdbc;

	private final Subscribers subscribers;

	private final ChoiceRules rules;

	private final SubscriberLinks links;

	private final LinkSettings validity;

	private final ReaderChanges changes;

	private final ApplicationEventPublisher events;

	ReaderDetails(JdbcClient jdbc, Subscribers subscribers, ChoiceRules rules, SubscriberLinks links,
			LinkSettings validity, ReaderChanges changes, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.subscribers = subscribers;
		this.rules = rules;
		this.links = links;
		this.validity = validity;
		this.changes = changes;
		this.events = events;
	}

	/**
	 * Keeps the name and asks for the address, when they differ from the reader's (one
	 * not given is left as it is): the reader's own address (or none) takes back an
	 * address asked for before; the one asked for before, given again, is to be mailed
	 * its link again.
	 * @throws InvalidChoiceException naming the field ({@code name} or {@code email})
	 * that is not valid, or the address that is another subscription's; nothing changes
	 */
	@Transactional
	public Change change(Subscriber subscriber, @Nullable String name, @Nullable String email) {
		String newName = (name != null) ? this.rules.name(name) : subscriber.name();
		String newEmail = (email == null || email.isBlank()) ? subscriber.email() : this.rules.email(email);
		// the address asked for again: its link is mailed again (the first may have
		// expired)
		boolean asked = !newEmail.equals(subscriber.email());
		if (asked) {
			// an expired sign-up of the address gives way, as at a sign-up
			this.subscribers.forgetUnconfirmed(newEmail, Instant.now().minus(this.validity.confirm()));
			if (this.subscribers.findByEmail(newEmail).isPresent()) {
				throw taken(newEmail);
			}
		}
		boolean changed = false;
		if (!newName.equals(subscriber.name())) {
			this.jdbc.sql("update subscriber set name = ? where id = ?").params(newName, subscriber.id()).update();
			this.changes.record(subscriber.id(), ReaderChanges.NAME, newName);
			changed = true;
		}
		String wanted = newEmail.equals(subscriber.email()) ? null : newEmail;
		if (!Objects.equals(wanted, subscriber.newEmail())) {
			this.jdbc.sql("update subscriber set new_email = ? where id = ?").params(wanted, subscriber.id()).update();
			if (wanted != null) {
				this.changes.record(subscriber.id(), ReaderChanges.ADDRESS_ASKED, wanted);
			}
			changed = true;
		}
		if (changed) {
			this.events.publishEvent(new SubscriberChanged(subscriber.id()));
		}
		return new Change(this.subscribers.find(subscriber.id()).orElseThrow(), asked ? newEmail : null);
	}

	/**
	 * Whether a new address's link can be used, has expired or is not valid (also when
	 * the reader has since confirmed it, or asked for another one).
	 */
	public LinkCheck check(String token) {
		return pendingFor(token)
			.map((subscriber) -> this.links.check(token, this.links.addressAction(subscriber.newEmail())))
			.orElse(LinkCheck.INVALID);
	}

	/**
	 * The reader a valid new-address link stands for, with the address waiting.
	 */
	public Optional<Subscriber> subscriber(String token) {
		return check(token).valid() ? pendingFor(token) : Optional.empty();
	}

	/**
	 * Makes the address the link was mailed to the reader's own: mail goes there from now
	 * on, and the bounces counted against the old one are forgotten.
	 * @return the reader as they are now, or empty when the link is not valid
	 * @throws InvalidChoiceException when another subscription took the address in the
	 * meantime; nothing changes
	 */
	@Transactional
	public Optional<Subscriber> confirm(String token) {
		Optional<Subscriber> found = subscriber(token);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Subscriber subscriber = found.get();
		String newEmail = subscriber.newEmail();
		this.subscribers.forgetUnconfirmed(newEmail, Instant.now().minus(this.validity.confirm()));
		if (this.subscribers.findByEmail(newEmail).isPresent()) {
			throw taken(newEmail);
		}
		try {
			this.jdbc
				.sql("update subscriber set email = new_email, new_email = null, hard_bounces = 0"
						+ " where id = ? and new_email = ?")
				.params(subscriber.id(), newEmail)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw taken(newEmail);
		}
		this.changes.record(subscriber.id(), ReaderChanges.ADDRESS, subscriber.email() + " → " + newEmail);
		this.events.publishEvent(new SubscriberChanged(subscriber.id()));
		return this.subscribers.find(subscriber.id());
	}

	private Optional<Subscriber> pendingFor(String token) {
		return this.links.claimed(token)
			.flatMap(this.subscribers::find)
			.filter((subscriber) -> subscriber.newEmail() != null)
			.filter((subscriber) -> subscriber.status() != SubscriberStatus.SUPPRESSED
					&& subscriber.status() != SubscriberStatus.ERASED);
	}

	private static InvalidChoiceException taken(String email) {
		return new InvalidChoiceException("email",
				"The address " + email + " already has a subscription of its own,"
						+ " so it cannot be yours here too. Give another address, or stop that subscription with the"
						+ " unsubscribe link in its mail and try again.");
	}

}
