package news.dispatch.web;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.subscriber.Subscribers;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code POST /link}: the form of the expired-link page. A known address is mailed a
 * fresh link to its own page (a pending sign-up a fresh confirmation); the answer is the
 * same whatever the address, so nobody learns who is subscribed.
 */
@Controller
class FreshLinkController {

	private final Subscribers subscribers;

	private final ReaderMail mail;

	private final RateLimits limits;

	FreshLinkController(Subscribers subscribers, ReaderMail mail, RateLimits limits) {
		this.subscribers = subscribers;
		this.mail = mail;
		this.limits = limits;
	}

	@PostMapping("/link")
	ModelAndView freshLink(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
		if (!this.limits.signUpFrom(request.getRemoteAddr())) {
			ModelAndView page = new ModelAndView("web/too-many");
			page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
			return page;
		}
		if (email.length() <= 320) {
			this.subscribers.findByEmail(email).ifPresent(this.mail::freshLink);
		}
		return new ModelAndView("web/check-inbox").addObject("email", email.strip());
	}

}
