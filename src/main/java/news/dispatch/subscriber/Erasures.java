package news.dispatch.subscriber;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.ArticleMatches;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasing a reader at their request (GDPR article 17). Their row stays, so that the
 * messages counted in each edition stay counted, but with no personal data: the address
 * becomes {@code erased-ID}, name, keywords, topics and history go, the status becomes
 * {@link SubscriberStatus#ERASED}. What other features keep about them goes in the same
 * transaction ({@link SubscriberErased}). Only a keyed hash of the address stays, so that
 * an import does not bring it back (as the suppression list would keep it out); the
 * reader's own sign-up is welcome.
 */
@Service
public class Erasures {

	private final JdbcClient jdbc;

	private final SubscriberLinks links;

	private final Subscribers subscribers;

	private final ReaderChanges changes;

	private final ArticleMatches matches;

	private final ApplicationEventPublisher events;

	Erasures(JdbcClient jdbc, SubscriberLinks links, Subscribers subscribers, ReaderChanges changes,
			ArticleMatches matches, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.matches = matches;
		this.links = links;
		this.subscribers = subscribers;
		this.changes = changes;
		this.events = events;
	}

	/**
	 * Erases the reader; nothing more is sent to them, and their page and links no longer
	 * open.
	 */
	@Transactional
	public void erase(Subscriber subscriber) {
		erase(subscriber, "erased at the reader's request");
	}

	/**
	 * Erases the reader, keeping why in the anonymised row's history (for an operator
	 * acting on a request that came by mail or by phone).
	 */
	@Transactional
	public void erase(Subscriber subscriber, String why) {
		long id = subscriber.id();
		this.events.publishEvent(new SubscriberUnsubscribed(id));
		this.events.publishEvent(new SubscriberErased(id, subscriber.email()));
		this.jdbc.sql("delete from subscription where subscriber_id = ?").param(id).update();
		this.jdbc.sql("delete from subscriber_status_change where subscriber_id = ?").param(id).update();
		this.changes.forget(id);
		this.matches.forgetKeywordMatches(id);
		this.jdbc
			.sql("update subscriber set email = ?, name = null, keywords = null, new_email = null, status = 'ERASED',"
					+ " alerts = false, frequency = 'NONE', paused_until = null, weekly_day = null, hard_bounces = 0,"
					+ " erased_hash = ? where id = ?")
			.params("erased-" + id, hash(subscriber.email()), id)
			.update();
		Suppressions.record(this.jdbc, id, SubscriberStatus.ERASED.name(), why);
	}

	/**
	 * The hashes of the erased addresses, for an import to check its lines against.
	 */
	Set<String> erasedHashes() {
		return new HashSet<>(this.jdbc.sql("select erased_hash from subscriber where erased_hash is not null")
			.query(String.class)
			.list());
	}

	/**
	 * Refuses an address whose reader asked to be erased (its hash is among
	 * {@code erasedHashes}) and has not signed up again since.
	 * @throws InvalidInputException saying so, and what the way back is
	 */
	void refuseErased(String email, Set<String> erasedHashes) {
		if (!erasedHashes.isEmpty() && erasedHashes.contains(hash(email))
				&& this.subscribers.findByEmail(email).isEmpty()) {
			throw new InvalidInputException("the address " + email + " was erased at its reader's request; remove the"
					+ " line (the reader can sign up again on the site)");
		}
	}

	private String hash(String email) {
		return HexFormat.of().formatHex(this.links.signature("erased:" + email));
	}

}
