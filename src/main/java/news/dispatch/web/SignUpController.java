package news.dispatch.web;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.subscriber.ChoicesInput;
import news.dispatch.subscriber.InvalidChoiceException;
import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.SignUps;
import news.dispatch.subscriber.SignUps.SignUp;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.subscriber.SubscriberStatus;

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
 * Sign-up with double opt-in.
 * <ul>
 * <li>{@code GET /subscribe}: the form; {@code POST /subscribe}: checks it, stores the
 * sign-up as pending and mails a confirmation link. Whether the address was new or not,
 * the answer is the same "check your inbox" page: a known address is sent a link to its
 * own page instead, and its subscription is not changed.</li>
 * <li>{@code GET /confirm?token=…}: a page with a button, because mail scanners follow
 * links; {@code POST /confirm}: makes the subscription active.</li>
 * </ul>
 */
@Controller
class SignUpController {

	private final SignUps signUps;

	private final ChoicesPage choices;

	private final ReaderMail mail;

	private final RateLimits limits;

	private final SubscriberLinks links;

	SignUpController(SignUps signUps, ChoicesPage choices, ReaderMail mail, RateLimits limits, SubscriberLinks links) {
		this.signUps = signUps;
		this.choices = choices;
		this.mail = mail;
		this.limits = limits;
		this.links = links;
	}

	@GetMapping("/subscribe")
	ModelAndView form() {
		return this.choices.page("web/subscribe",
				new ChoicesInput(null, null, null, null, null, null, null, null, null, null), null);
	}

	@PostMapping("/subscribe")
	ModelAndView signUp(@ModelAttribute ChoicesInput input, HttpServletRequest request) {
		if (!this.limits.signUpFrom(request.getRemoteAddr())) {
			ModelAndView page = new ModelAndView("web/too-many");
			page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
			return page;
		}
		SignUp signUp;
		try {
			signUp = this.signUps.signUp(input);
		}
		catch (InvalidChoiceException ex) {
			return this.choices.page("web/subscribe", input, ex);
		}
		if (signUp.isNew()) {
			this.mail.confirmation(signUp.subscriber());
		}
		else {
			this.mail.freshLink(signUp.subscriber());
		}
		return new ModelAndView("web/check-inbox").addObject("email", signUp.subscriber().email());
	}

	/**
	 * The form again, as the reader filled it in, when its CSRF token was refused (see
	 * {@link FormsAgain}); reached only by that forward.
	 */
	@RequestMapping("/subscribe/again")
	ModelAndView again(@ModelAttribute ChoicesInput input, HttpServletRequest request) {
		if (!FormsAgain.refused(request)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		ModelAndView page = this.choices.page("web/subscribe", input, null);
		page.addObject("error", FormsAgain.MESSAGE);
		page.setStatus(HttpStatus.FORBIDDEN);
		return page;
	}

	@GetMapping("/confirm")
	ModelAndView confirmPage(@RequestParam(defaultValue = "") String token) {
		LinkCheck check = this.signUps.check(token);
		if (!check.valid()) {
			return LinkPages.refused(check);
		}
		return this.signUps.subscriber(token)
			.map((subscriber) -> subscriber.status() == SubscriberStatus.PENDING
					? new ModelAndView("web/confirm").addObject("token", token)
						.addObject("email", subscriber.email())
						.addObject("alertsOnly", subscriber.alertsOnly())
					: outcome(subscriber))
			.orElseGet(() -> LinkPages.refused(new LinkCheck(LinkCheck.State.INVALID, 0)));
	}

	@PostMapping("/confirm")
	ModelAndView confirm(@RequestParam(defaultValue = "") String token) {
		LinkCheck check = this.signUps.check(token);
		if (!check.valid()) {
			return LinkPages.refused(check);
		}
		return this.signUps.confirm(token)
			.map(this::outcome)
			.orElseGet(() -> LinkPages.refused(new LinkCheck(LinkCheck.State.INVALID, 0)));
	}

	/**
	 * Confirmed: the reader's page is one click away. Still pending: the sign-up is older
	 * than the confirmation window, and the reader can ask for a fresh link. Unsubscribed
	 * since (a confirmation link used again): it stays so, and the page says how to
	 * subscribe again.
	 */
	private ModelAndView outcome(Subscriber subscriber) {
		if (subscriber.status() == SubscriberStatus.PENDING) {
			return LinkPages.refused(new LinkCheck(LinkCheck.State.EXPIRED, subscriber.id()));
		}
		if (subscriber.active()) {
			return new ModelAndView("web/confirmed").addObject("email", subscriber.email())
				.addObject("alertsOnly", subscriber.alertsOnly())
				.addObject("preferences", LinkPages.local(this.links.preferences(subscriber.id())));
		}
		ModelAndView page = new ModelAndView("web/link-used");
		page.setStatus(HttpStatus.CONFLICT);
		return page;
	}

}
