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
	 * Unsubscribes the subscriber the token stands for.
	 * @return the subscriber, or empty when the token is not valid (nothing changes)
	 */
	@Transactional
	public Optional<Subscriber> unsubscribe(String token) {
		Optional<Subscriber> subscriber = subscriber(token);
		subscriber.ifPresent((found) -> {
			this.subscribers.unsubscribe(found.id());
			this.events.publishEvent(new SubscriberUnsubscribed(found.id()));
		});
		return subscriber;
	}

}
