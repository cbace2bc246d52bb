package news.dispatch.web;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import news.dispatch.digest.DigestSettings;
import news.dispatch.subscriber.ChoicesInput;
import news.dispatch.subscriber.Frequency;
import news.dispatch.subscriber.InvalidChoiceException;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The reader's own page ({@code web/preferences}): a sentence on what they get, their
 * name and address, the choices form ({@link ChoicesPage}), their data (download, erase),
 * and the way to unsubscribe. The forms on it are answered by several controllers, each
 * of which shows the page again with its outcome.
 */
@Component
class PreferencesPage {

	/**
	 * What the reader typed into the name-and-address form, as given.
	 */
	record Details(@Nullable String name, @Nullable String email) {
	}

	private final ChoicesPage choices;

	private final SubscriberLinks links;

	private final DigestSettings digests;

	PreferencesPage(ChoicesPage choices, SubscriberLinks links, DigestSettings digests) {
		this.choices = choices;
		this.links = links;
		this.digests = digests;
	}

	/**
	 * The page with the reader's choices as stored.
	 */
	ModelAndView page(String token, Subscriber subscriber, @Nullable String notice) {
		return page(token, subscriber, ChoicesInput.of(subscriber), null, null, notice);
	}

	/**
	 * The page with what the reader typed into one of its forms ({@code input} or
	 * {@code details}), and the problem with it.
	 */
	ModelAndView page(String token, Subscriber subscriber, ChoicesInput input, @Nullable Details details,
			@Nullable InvalidChoiceException problem, @Nullable String notice) {
		ModelAndView page = this.choices.page("web/preferences", input, problem);
		page.addObject("token", token);
		page.addObject("email", subscriber.email());
		page.addObject("newEmail", (subscriber.newEmail() != null) ? subscriber.newEmail() : "");
		Map<String, String> form = new HashMap<>();
		form.put("name", (details != null && details.name() != null) ? details.name() : subscriber.name());
		form.put("email", (details != null && details.email() != null) ? details.email()
				: (subscriber.newEmail() != null) ? subscriber.newEmail() : subscriber.email());
		page.addObject("details", form);
		page.addObject("status", subscriber.status().name());
		page.addObject("alertsOnly", subscriber.alertsOnly());
		page.addObject("getting", getting(subscriber));
		page.addObject("unsubscribe", LinkPages.local(this.links.unsubscribe(subscriber.id())));
		if (notice != null) {
			page.addObject("notice", notice);
		}
		return page;
	}

	/**
	 * What an active reader gets, in one sentence: a digest (when, on which day) and
	 * alerts, or alerts only, or nothing.
	 */
	private String getting(Subscriber subscriber) {
		String at = String.format("%02d:00 (%s)", subscriber.sendHour(), subscriber.timeZone().getId());
		String digest = switch (subscriber.frequency()) {
			case DAILY -> "a digest every day at " + at;
			case WEEKLY -> "a digest every " + day(subscriber.weeklyDay()) + " at " + at;
			case NONE -> "";
		};
		String sentence;
		if (subscriber.frequency() == Frequency.NONE) {
			sentence = subscriber.alerts() ? "You get breaking-news alerts on your topics only: no digest."
					: "You get nothing at the moment: choose a digest or breaking-news alerts below.";
		}
		else {
			sentence = "You get " + digest + (subscriber.alerts() ? ", and breaking-news alerts on your topics." : ".");
		}
		if (subscriber.pausedUntil() != null && (subscriber.frequency() != Frequency.NONE || subscriber.alerts())) {
			sentence += " Paused: nothing is sent before " + subscriber.pausedUntil() + ".";
		}
		return sentence;
	}

	private String day(@Nullable DayOfWeek chosen) {
		return ((chosen != null) ? chosen : this.digests.weeklyDay()).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}

}
