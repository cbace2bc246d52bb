package news.dispatch.subscriber;

import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unsubscribing by the link in a message: effective at once, idempotent, and announced so
 * that every message still planned for the reader is withdrawn.
 */
@Service
public class Unsubscribing {

	/** The action an unsubscribe link's token is signed for. */
	public static final String ACTION = SubscriberLinks.UNSUBSCRIBE;

	private final SubscriberLinks links;

	private final Subscribers subscribers;

	private final ApplicationEventPublisher events;

	Unsubscribing(SubscriberLinks links, Subscribers subscribers, ApplicationEventPublisher events) {
		this.links = links;
		this.subscribers = subscribers;
		this.events = events;
	}

	/**
	 * Whether an unsubscribe token can be used, has expired or is not valid.
	 */
	public LinkCheck check(String token) {
		return this.links.check(token, ACTION);
	}

	/**
	 * The subscriber the token stands for, when it is a valid unsubscribe token.
	 */
	public Optional<Subscriber> subscriber(String token) {
		return this.links.verify(token, ACTION).flatMap(this.subscribers::find);
	}

	/**
	 * Unsubscribes the subscriber the token stands for, in one conditional update: of
	 * several requests with the same link at once (a mail provider's one-click and the
	 * reader's own click), exactly one changes the subscriber and announces it.
	 * @return the subscriber, now unsubscribed, and whether this call did it or they
	 * already were; empty when the token is not valid or the subscriber is gone (nothing
	 * changes)
	 */
	@Transactional
	public Optional<Outcome> unsubscribe(String token) {
		Optional<Long> id = this.links.verify(token, ACTION);
		if (id.isEmpty()) {
			return Optional.empty();
		}
		boolean now = this.subscribers.unsubscribe(id.get());
		if (now) {
			this.events.publishEvent(new SubscriberUnsubscribed(id.get()));
		}
		return this.subscribers.find(id.get()).map((subscriber) -> new Outcome(subscriber, !now));
	}

	/**
	 * What an unsubscribe link did.
	 *
	 * @param subscriber the subscriber, unsubscribed
	 * @param already whether they had unsubscribed before (nothing changed)
	 */
	public record Outcome(Subscriber subscriber, boolean already) {
	}

}
