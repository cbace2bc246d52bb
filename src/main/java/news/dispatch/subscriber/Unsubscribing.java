package news.dispatch.subscriber;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

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

	/** The longest reason for leaving that is kept; a longer one is cut there. */
	public static final int MAX_REASON = 500;

	private final SubscriberLinks links;

	private final Subscribers subscribers;

	private final ReaderChanges changes;

	private final ApplicationEventPublisher events;

	Unsubscribing(SubscriberLinks links, Subscribers subscribers, ReaderChanges changes,
			ApplicationEventPublisher events) {
		this.links = links;
		this.subscribers = subscribers;
		this.changes = changes;
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
		return unsubscribe(token, null);
	}

	/**
	 * Unsubscribes the subscriber the token stands for, and keeps the reason they gave
	 * for leaving, if any (its first {@link #MAX_REASON} characters, spaces tidied), for
	 * operators to read ({@code dispatch subscribers show}).
	 * @return the subscriber, or empty when the token is not valid (nothing changes)
	 */
	@Transactional
	public Optional<Subscriber> unsubscribe(String token, @Nullable String reason) {
		Optional<Subscriber> subscriber = subscriber(token);
		subscriber.ifPresent((found) -> {
			String why = (reason != null) ? reason.replaceAll("\\s+", " ").strip() : "";
			if (this.subscribers.unsubscribe(found.id()) && !why.isEmpty()) {
				this.changes.record(found.id(), ReaderChanges.LEFT,
						(why.length() > MAX_REASON) ? why.substring(0, MAX_REASON) : why);
			}
			this.events.publishEvent(new SubscriberUnsubscribed(found.id()));
		});
		return subscriber;
	}

}
