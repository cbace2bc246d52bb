package news.dispatch.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.subscriber.ChoicesInput;
import news.dispatch.subscriber.InvalidChoiceException;
import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.Preferences;
import news.dispatch.subscriber.ReaderDetails;
import news.dispatch.subscriber.ReaderDetails.Change;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The reader's name and address.
 * <ul>
 * <li>{@code POST /preferences/details}: keeps a new name at once; a new address is
 * mailed a link to confirm it, and mail keeps going to the old one until then. An address
 * another subscription has is refused without saying whose.</li>
 * <li>{@code GET /address?token=…}: the link in that mail, a page with a button (mail
 * scanners follow links); {@code POST /address}: the address becomes the reader's.</li>
 * </ul>
 */
@Controller
class ReaderDetailsController {

	private final Preferences preferences;

	private final ReaderDetails details;

	private final PreferencesPage page;

	private final ReaderMail mail;

	private final RateLimits limits;

	private final SubscriberLinks links;

	ReaderDetailsController(Preferences preferences, ReaderDetails details, PreferencesPage page, ReaderMail mail,
			RateLimits limits, SubscriberLinks links) {
		this.preferences = preferences;
		this.details = details;
		this.page = page;
		this.mail = mail;
		this.limits = limits;
		this.links = links;
	}

	@PostMapping("/preferences/details")
	ModelAndView change(@RequestParam(defaultValue = "") String token,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String email, HttpServletRequest request) {
		return PreferencesController.withSubscriber(this.preferences, token, (subscriber) -> {
			PreferencesPage.Details given = new PreferencesPage.Details(name, email);
			if (email != null && !email.isBlank() && !email.strip().equalsIgnoreCase(subscriber.email())
					&& !this.limits.signUpFrom(request.getRemoteAddr())) {
				ModelAndView page = new ModelAndView("web/too-many");
				page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
				return page;
			}
			try {
				Change change = this.details.change(subscriber, name, email);
				String asked = change.askedAddress();
				if (asked == null) {
					return this.page.page(token, change.subscriber(), "Your name and address are saved.");
				}
				this.mail.newAddress(change.subscriber(), asked);
				return this.page.page(token, change.subscriber(), "We have sent a link to " + asked
						+ ": open it to make it your address. Until then, mail goes to " + subscriber.email() + ".");
			}
			catch (InvalidChoiceException ex) {
				return this.page.page(token, subscriber, ChoicesInput.of(subscriber), given, ex, null);
			}
		});
	}

	/**
	 * The form again, as the reader filled it in, when its CSRF token was refused (see
	 * {@link FormsAgain}); reached only by that forward.
	 */
	@RequestMapping("/preferences/details/again")
	ModelAndView again(@RequestParam(defaultValue = "") String token,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String email, HttpServletRequest request) {
		if (!FormsAgain.refused(request)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return PreferencesController.withSubscriber(this.preferences, token, (subscriber) -> {
			ModelAndView page = this.page.page(token, subscriber, ChoicesInput.of(subscriber),
					new PreferencesPage.Details(name, email), null, null);
			page.addObject("error", FormsAgain.MESSAGE);
			page.setStatus(HttpStatus.FORBIDDEN);
			return page;
		});
	}

	@GetMapping("/address")
	ModelAndView confirmPage(@RequestParam(defaultValue = "") String token) {
		return withAddress(token, (subscriber) -> confirmPage(token, subscriber, null));
	}

	@PostMapping("/address")
	ModelAndView confirm(@RequestParam(defaultValue = "") String token) {
		return withAddress(token, (subscriber) -> {
			try {
				Optional<Subscriber> changed = this.details.confirm(token);
				if (changed.isEmpty()) {
					return LinkPages.refused(new LinkCheck(LinkCheck.State.INVALID, 0));
				}
				return new ModelAndView("web/address-changed").addObject("email", changed.get().email())
					.addObject("preferences", LinkPages.local(this.links.preferences(changed.get().id())));
			}
			catch (InvalidChoiceException ex) {
				ModelAndView page = confirmPage(token, subscriber, ex.getMessage());
				page.setStatus(HttpStatus.CONFLICT);
				return page;
			}
		});
	}

	/**
	 * The confirmation page again when its CSRF token was refused; reached only by the
	 * forward of {@link FormsAgain}.
	 */
	@RequestMapping("/address/again")
	ModelAndView confirmAgain(@RequestParam(defaultValue = "") String token, HttpServletRequest request) {
		if (!FormsAgain.refused(request)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return withAddress(token, (subscriber) -> {
			ModelAndView page = confirmPage(token, subscriber, FormsAgain.MESSAGE);
			page.setStatus(HttpStatus.FORBIDDEN);
			return page;
		});
	}

	private ModelAndView confirmPage(String token, Subscriber subscriber, @Nullable String error) {
		ModelAndView page = new ModelAndView("web/address-confirm").addObject("token", token)
			.addObject("email", subscriber.email())
			.addObject("newEmail", subscriber.newEmail());
		if (error != null) {
			page.addObject("error", error);
		}
		return page;
	}

	private ModelAndView withAddress(String token, java.util.function.Function<Subscriber, ModelAndView> action) {
		LinkCheck check = this.details.check(token);
		Optional<Subscriber> subscriber = check.valid() ? this.details.subscriber(token) : Optional.empty();
		if (subscriber.isEmpty()) {
			return LinkPages.refused(check.valid() ? new LinkCheck(LinkCheck.State.INVALID, 0) : check);
		}
		return action.apply(subscriber.get());
	}

}
