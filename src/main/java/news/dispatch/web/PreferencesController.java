package news.dispatch.web;

import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.subscriber.ChoicesInput;
import news.dispatch.subscriber.InvalidChoiceException;
import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.Preferences;
import news.dispatch.subscriber.Subscriber;

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
 * topics, keywords, frequency (and a weekly digest's day), send hour, time zone, alerts,
 * a pause, and the way to unsubscribe; subscribing again for a reader who had
 * unsubscribed. Name and address ({@link ReaderDetailsController}) and the reader's data
 * ({@link ReaderDataController}) have forms of their own on the page. The signed token is
 * the only authority; the forms also carry a CSRF token.
 */
@Controller
@RequestMapping("/preferences")
class PreferencesController {

	private final Preferences preferences;

	private final PreferencesPage page;

	PreferencesController(Preferences preferences, PreferencesPage page) {
		this.preferences = preferences;
		this.page = page;
	}

	@GetMapping
	ModelAndView show(@RequestParam(defaultValue = "") String token) {
		return withSubscriber(this.preferences, token, (subscriber) -> this.page.page(token, subscriber, null));
	}

	@PostMapping
	ModelAndView change(@RequestParam(defaultValue = "") String token, @ModelAttribute ChoicesInput input) {
		return withSubscriber(this.preferences, token, (subscriber) -> {
			try {
				Subscriber changed = this.preferences.change(subscriber, input);
				return this.page.page(token, changed, "Your preferences are saved.");
			}
			catch (InvalidChoiceException ex) {
				return this.page.page(token, subscriber, input, null, ex, null);
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
		return withSubscriber(this.preferences, token, (subscriber) -> {
			ModelAndView page = this.page.page(token, subscriber, input, null, null, null);
			page.addObject("error", FormsAgain.MESSAGE);
			page.setStatus(HttpStatus.FORBIDDEN);
			return page;
		});
	}

	@PostMapping("/resubscribe")
	ModelAndView resubscribe(@RequestParam(defaultValue = "") String token) {
		return withSubscriber(this.preferences, token, (subscriber) -> this.page.page(token,
				this.preferences.resubscribe(subscriber), "You are subscribed again."));
	}

	/**
	 * Acts for the reader a valid preferences token stands for; an expired, invalid or
	 * erased reader's token gets the page that says so, and nothing changes.
	 */
	static ModelAndView withSubscriber(Preferences preferences, String token,
			Function<Subscriber, ModelAndView> action) {
		LinkCheck check = preferences.check(token);
		Optional<Subscriber> subscriber = check.valid() ? preferences.subscriber(token) : Optional.empty();
		if (subscriber.isEmpty()) {
			return LinkPages.refused(check.valid() ? new LinkCheck(LinkCheck.State.INVALID, 0) : check);
		}
		return action.apply(subscriber.get());
	}

}
