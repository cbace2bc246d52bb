package news.dispatch.subscriber;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

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

	private final UnsubscribeBatches batches;

	Unsubscribing(SubscriberLinks links, Subscribers subscribers, UnsubscribeBatches batches) {
		this.links = links;
		this.subscribers = subscribers;
		this.batches = batches;
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
	 * Unsubscribes the subscriber the token stands for, as
	 * {@link #unsubscribe(LinkCheck, String)} does, with no reason given.
	 * @return empty when the token is not valid or the subscriber is gone (nothing
	 * changes)
	 */
	public Optional<Outcome> unsubscribe(String token) {
		LinkCheck check = check(token);
		return check.valid() ? unsubscribe(check, null) : Optional.empty();
	}

	/**
	 * Unsubscribes the subscriber of a token already found valid by {@link #check}, in
	 * one conditional update: of several requests with the same link at once (a mail
	 * provider's one-click and the reader's own click), exactly one changes the
	 * subscriber and announces it, and only that one keeps the reason they gave for
	 * leaving, if any (its first {@link #MAX_REASON} characters, spaces tidied), for
	 * operators to read ({@code dispatch subscribers show}). The change is committed when
	 * this returns.
	 * @param check a valid unsubscribe token's check
	 * @return the subscriber, now unsubscribed, whether this call did it or they already
	 * were, and whether their reason was cut; empty when the subscriber is gone (nothing
	 * changes)
	 * @throws IllegalArgumentException if the check is not that of a valid token
	 */
	public Optional<Outcome> unsubscribe(LinkCheck check, @Nullable String reason) {
		if (!check.valid()) {
			throw new IllegalArgumentException("Only a valid unsubscribe token unsubscribes; this one is " + check);
		}
		UnsubscribeBatches.Written written = this.batches.unsubscribe(check.subscriberId(), reason);
		return this.subscribers.find(check.subscriberId())
			.map((subscriber) -> new Outcome(subscriber, !written.now(), written.reasonCut()));
	}

	/**
	 * What an unsubscribe link did.
	 *
	 * @param subscriber the subscriber, unsubscribed
	 * @param already whether they had unsubscribed before (nothing changed)
	 * @param reasonCut whether the reason they gave was longer than {@link #MAX_REASON}
	 * characters once its spaces were tidied, and only its first ones were kept
	 */
	public record Outcome(Subscriber subscriber, boolean already, boolean reasonCut) {
	}

}
