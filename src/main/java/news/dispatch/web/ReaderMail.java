package news.dispatch.web;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import news.dispatch.delivery.ComposedMessage;
import news.dispatch.delivery.MailTemplates;
import news.dispatch.delivery.Notices;
import news.dispatch.subscriber.LinkSettings;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.system.DispatchSettings;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The mail the subscriber pages send: the confirmation of a sign-up or of a new address,
 * and a fresh link to a reader's own page. Each goes out in the background, at most
 * {@code dispatch.web.mails-per-address-per-day} to one address, so a page answers at
 * once and in the same time whether the address was known or not.
 */
@Component
class ReaderMail implements DisposableBean {

	private final MailTemplates templates;

	private final Notices notices;

	private final SubscriberLinks links;

	private final LinkSettings validity;

	private final DispatchSettings settings;

	private final RateLimits limits;

	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "reader-mail");
		thread.setDaemon(true);
		return thread;
	});

	ReaderMail(MailTemplates templates, Notices notices, SubscriberLinks links, LinkSettings validity,
			DispatchSettings settings, RateLimits limits) {
		this.templates = templates;
		this.notices = notices;
		this.links = links;
		this.validity = validity;
		this.settings = settings;
		this.limits = limits;
	}

	/**
	 * Asks a new sign-up to confirm.
	 */
	void confirmation(Subscriber subscriber) {
		send("confirm", "confirm", subscriber, subscriber.email(),
				"Confirm your subscription to " + this.settings.site().name(),
				Map.of("link", this.links.confirm(subscriber.id()), "hours", this.validity.confirm().toHours(),
						"alertsOnly", subscriber.alertsOnly()));
	}

	/**
	 * Asks the new address a reader gave to confirm that it is theirs: sent to that
	 * address, with no unsubscribe link (it gets nothing else until confirmed).
	 */
	void newAddress(Subscriber subscriber, String newEmail) {
		send("address", "address", subscriber, newEmail, "Confirm your new address for " + this.settings.site().name(),
				Map.of("link", this.links.address(subscriber.id(), newEmail), "hours",
						this.validity.confirm().toHours(), "oldEmail", subscriber.email()));
	}

	/**
	 * Gives a known reader a fresh link to their own page (and, for a sign-up still
	 * waiting, a fresh confirmation instead); a suppressed address is sent nothing.
	 */
	void freshLink(Subscriber subscriber) {
		switch (subscriber.status()) {
			case PENDING -> confirmation(subscriber);
			case SUPPRESSED, ERASED -> {
			}
			default -> send("link", "your-link", subscriber, subscriber.email(),
					"Your " + this.settings.site().name() + " subscription",
					Map.of("link", this.links.preferences(subscriber.id()), "days",
							this.validity.preferences().toDays(), "unsubscribe",
							this.links.unsubscribe(subscriber.id()), "active", subscriber.active(), "alertsOnly",
							subscriber.alertsOnly()));
		}
	}

	private void send(String kind, String template, Subscriber subscriber, String to, String subject,
			Map<String, Object> values) {
		if (!this.limits.mailTo(to)) {
			return;
		}
		Map<String, Object> model = new HashMap<>(values);
		model.put("site", Map.of("name", this.settings.site().name(), "url", this.settings.site().url()));
		model.put("email", to);
		String text = this.templates.render(template + ".txt.ftl", model);
		String html = this.templates.render(template + ".html.ftlh", model);
		// only a reader's own address, receiving their subscription, is offered
		// unsubscribing
		String unsubscribe = kind.equals("link") ? this.links.unsubscribe(subscriber.id()) : "";
		ComposedMessage message = new ComposedMessage(to, subscriber.name(), subject, text, html, unsubscribe);
		this.sender.execute(() -> this.notices.send(kind, subscriber.id(), message));
	}

	@Override
	public void destroy() {
		this.sender.shutdown();
	}

}
