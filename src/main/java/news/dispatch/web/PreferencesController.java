package news.dispatch.web;

import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.subscriber.ChoicesInput;
import news.dispatch.subscriber.InvalidChoiceException;
import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.Preferences;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The reader's own page, {@code /preferences?token=…} from the link in every message:
 * topics, keywords, frequency, send hour, time zone, alerts, a pause, and the way to
 * unsubscribe; subscribing again for a reader who had unsubscribed. The signed token is
 * the only authority; the forms also carry a CSRF token.
 */
@Controller
@RequestMapping("/preferences")
class PreferencesController {

	private final Preferences preferences;

	private final ChoicesPage choices;

	private final SubscriberLinks links;

	PreferencesController(Preferences preferences, ChoicesPage choices, SubscriberLinks links) {
		this.preferences = preferences;
		this.choices = choices;
		this.links = links;
	}

	@GetMapping
	ModelAndView show(@RequestParam(defaultValue = "") String token) {
		return withSubscriber(token, (subscriber) -> page(token, subscriber, ChoicesInput.of(subscriber), null, null));
	}

	@PostMapping
	ModelAndView change(@RequestParam(defaultValue = "") String token, @ModelAttribute ChoicesInput input) {
		return withSubscriber(token, (subscriber) -> {
			try {
				Subscriber changed = this.preferences.change(subscriber, input);
				return page(token, changed, ChoicesInput.of(changed), null, "Your preferences are saved.");
			}
			catch (InvalidChoiceException ex) {
				return page(token, subscriber, input, ex, null);
			}
		});
	}

	/**
	 * The form again, as the reader filled it in, when its CSRF token was refused (see
	 * {@link FormsAgain}); reached only by that forward.
	 */
	@RequestMapping("/again")
	ModelAndView again(@RequestParam(defaultValue = "") String token, @ModelAttribute ChoicesInput input,
			HttpServletRequest request) {
		if (!FormsAgain.refused(request)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return withSubscriber(token, (subscriber) -> {
			ModelAndView page = page(token, subscriber, input, null, null);
			page.addObject("error", FormsAgain.MESSAGE);
			page.setStatus(HttpStatus.FORBIDDEN);
			return page;
		});
	}

	@PostMapping("/resubscribe")
	ModelAndView resubscribe(@RequestParam(defaultValue = "") String token) {
		return withSubscriber(token, (subscriber) -> {
			Subscriber again = this.preferences.resubscribe(subscriber);
			return page(token, again, ChoicesInput.of(again), null, "You are subscribed again.");
		});
	}

	private ModelAndView withSubscriber(String token, Function<Subscriber, ModelAndView> action) {
		LinkCheck check = this.preferences.check(token);
		Optional<Subscriber> subscriber = check.valid() ? this.preferences.subscriber(token) : Optional.empty();
		if (subscriber.isEmpty()) {
			return LinkPages.refused(check.valid() ? new LinkCheck(LinkCheck.State.INVALID, 0) : check);
		}
		return action.apply(subscriber.get());
	}

	private ModelAndView page(String token, Subscriber subscriber, ChoicesInput input,
			@Nullable InvalidChoiceException problem, @Nullable String notice) {
		ModelAndView page = this.choices.page("web/preferences", input, problem);
		page.addObject("token", token);
		page.addObject("email", subscriber.email());
		page.addObject("status", subscriber.status().name());
		page.addObject("unsubscribe", LinkPages.local(this.links.unsubscribe(subscriber.id())));
		if (notice != null) {
			page.addObject("notice", notice);
		}
		return page;
	}

}
