package news.dispatch.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up with double opt-in: a new address is stored as {@code PENDING} and becomes
 * {@code ACTIVE} only when its confirmation link is used within
 * {@code dispatch.links.confirm}; unconfirmed sign-ups are deleted after that by the
 * housekeeping job (an expired one of the same address at once, by a new sign-up). A
 * sign-up never changes a subscription that exists.
 */
@Service
public class SignUps {

	/**
	 * What a sign-up found.
	 *
	 * @param subscriber the new sign-up, or the subscriber the address already belongs to
	 * @param isNew whether the sign-up was stored now (and needs a confirmation mail)
	 */
	public record SignUp(Subscriber subscriber, boolean isNew) {
	}

	private final Subscribers subscribers;

	private final ChoiceRules rules;

	private final SubscriberLinks links;

	private final LinkSettings validity;

	private final ApplicationEventPublisher events;

	SignUps(Subscribers subscribers, ChoiceRules rules, SubscriberLinks links, LinkSettings validity,
			ApplicationEventPublisher events) {
		this.events = events;
		this.subscribers = subscribers;
		this.rules = rules;
		this.links = links;
		this.validity = validity;
	}

	/**
	 * Checks the form and stores a new address as a sign-up waiting for confirmation; an
	 * address already known is returned as it is, unchanged.
	 * @throws InvalidChoiceException naming the field that is not valid; nothing is
	 * stored
	 */
	@Transactional
	public SignUp signUp(ChoicesInput input) {
		String email = this.rules.email(input.email());
		Choices choices = this.rules.choices(input);
		List<Long> topicIds = this.rules.topicIds(choices.topics());
		// an expired sign-up of this address gives way to the new one; the others are
		// deleted by the housekeeping job
		this.subscribers.forgetUnconfirmed(email, Instant.now().minus(this.validity.confirm()));
		Optional<Subscriber> existing = this.subscribers.findByEmail(email);
		if (existing.isPresent()) {
			return new SignUp(existing.get(), false);
		}
		long id = this.subscribers.addPending(email, choices, topicIds);
		return new SignUp(this.subscribers.find(id).orElseThrow(), true);
	}

	/**
	 * Deletes the sign-ups not confirmed before their confirmation link expired
	 * ({@code dispatch.links.confirm}); the housekeeping job calls it.
	 * @return how many were deleted
	 */
	@Transactional
	public int forgetExpired() {
		return this.subscribers.forgetUnconfirmed(Instant.now().minus(this.validity.confirm()));
	}

	/**
	 * Whether a confirmation token can be used, has expired or is not valid.
	 */
	public LinkCheck check(String token) {
		return this.links.check(token, SubscriberLinks.CONFIRM);
	}

	/**
	 * The subscriber a confirmation token stands for, when it is valid.
	 */
	public Optional<Subscriber> subscriber(String token) {
		return this.links.verify(token, SubscriberLinks.CONFIRM).flatMap(this.subscribers::find);
	}

	/**
	 * Confirms the sign-up the token stands for: only a sign-up still waiting, and made
	 * within {@code dispatch.links.confirm}, becomes active, so a confirmation link used
	 * again after unsubscribing changes nothing.
	 * @return the subscriber as it is now ({@code PENDING} when the sign-up is too old),
	 * or empty when the token is not valid
	 */
	@Transactional
	public Optional<Subscriber> confirm(String token) {
		Optional<Long> id = this.links.verify(token, SubscriberLinks.CONFIRM);
		id.ifPresent((found) -> {
			if (this.subscribers.activate(found, Instant.now().minus(this.validity.confirm()))) {
				this.events.publishEvent(new SubscriberConfirmed(found));
			}
		});
		return id.flatMap(this.subscribers::find);
	}

}
