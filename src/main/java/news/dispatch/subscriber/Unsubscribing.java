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
	 * Unsubscribes the subscriber the token stands for, in one conditional update: of
	 * several requests with the same link at once (a mail provider's one-click and the
	 * reader's own click), exactly one changes the subscriber and announces it.
	 * @return the subscriber, now unsubscribed, and whether this call did it or they
	 * already were; empty when the token is not valid or the subscriber is gone (nothing
	 * changes)
	 */
	@Transactional
	public Optional<Outcome> unsubscribe(String token) {
		return unsubscribe(token, null);
	}

	/**
	 * Unsubscribes the subscriber the token stands for, as {@link #unsubscribe(String)}
	 * does, and keeps the reason they gave for leaving, if any (its first
	 * {@link #MAX_REASON} characters, spaces tidied), for operators to read
	 * ({@code dispatch subscribers show}); only the request that unsubscribed them keeps
	 * it.
	 * @return the subscriber and whether they already were unsubscribed; empty when the
	 * token is not valid or the subscriber is gone (nothing changes)
	 */
	@Transactional
	public Optional<Outcome> unsubscribe(String token, @Nullable String reason) {
		Optional<Long> id = this.links.verify(token, ACTION);
		if (id.isEmpty()) {
			return Optional.empty();
		}
		boolean now = this.subscribers.unsubscribe(id.get());
		if (now) {
			String why = (reason != null) ? reason.replaceAll("\\s+", " ").strip() : "";
			if (!why.isEmpty()) {
				this.changes.record(id.get(), ReaderChanges.LEFT,
						(why.length() > MAX_REASON) ? why.substring(0, MAX_REASON) : why);
			}
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
