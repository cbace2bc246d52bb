package news.dispatch.subscriber;

import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reader's own page, opened with the signed preferences link: what they follow, how
 * often and when, alerts, a pause; and subscribing again after unsubscribing.
 */
@Service
public class Preferences {

	private final SubscriberLinks links;

	private final Subscribers subscribers;

	private final ChoiceRules rules;

	private final ApplicationEventPublisher events;

	Preferences(SubscriberLinks links, Subscribers subscribers, ChoiceRules rules, ApplicationEventPublisher events) {
		this.events = events;
		this.links = links;
		this.subscribers = subscribers;
		this.rules = rules;
	}

	/**
	 * Whether a preferences token can be used, has expired or is not valid.
	 */
	public LinkCheck check(String token) {
		return this.links.check(token, SubscriberLinks.PREFERENCES);
	}

	/**
	 * The subscriber a valid preferences token stands for; a suppressed address has no
	 * page (its mail bounces), nor an erased reader.
	 */
	public Optional<Subscriber> subscriber(String token) {
		return this.links.verify(token, SubscriberLinks.PREFERENCES)
			.flatMap(this.subscribers::find)
			.filter((subscriber) -> subscriber.status() != SubscriberStatus.SUPPRESSED
					&& subscriber.status() != SubscriberStatus.ERASED);
	}

	/**
	 * Replaces what the subscriber asked for.
	 * @throws InvalidChoiceException naming the field that is not valid; nothing changes
	 */
	@Transactional
	public Subscriber change(Subscriber subscriber, ChoicesInput input) {
		Choices choices = this.rules.choices(input);
		this.subscribers.change(subscriber.id(), choices, this.rules.topicIds(choices.topics()));
		this.events.publishEvent(new SubscriberChanged(subscriber.id()));
		return this.subscribers.find(subscriber.id()).orElseThrow();
	}

	/**
	 * Subscribes again a reader who had unsubscribed, from their own page.
	 */
	@Transactional
	public Subscriber resubscribe(Subscriber subscriber) {
		if (this.subscribers.resubscribe(subscriber.id())) {
			this.events.publishEvent(new SubscriberChanged(subscriber.id()));
		}
		return this.subscribers.find(subscriber.id()).orElseThrow();
	}

}
