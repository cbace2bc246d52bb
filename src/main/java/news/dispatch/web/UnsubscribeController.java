package news.dispatch.web;

import java.util.Optional;

import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.Unsubscribing;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Unsubscribing from the link every message carries.
 * <ul>
 * <li>{@code POST /unsubscribe?token=…}: RFC 8058 one-click, as mail providers send it
 * ({@code List-Unsubscribe=One-Click} in the body), and the button of the page below. No
 * cookie or session is needed: the signed token is the authority. Idempotent, effective
 * at once.</li>
 * <li>{@code GET /unsubscribe?token=…}: a page that asks to confirm with a button,
 * because mail scanners follow links; a GET changes nothing.</li>
 * </ul>
 * A forged or altered token gets a page that says so, with status 400, an expired one a
 * page that offers a fresh link, with status 410; neither changes anything.
 */
@Controller
@RequestMapping("/unsubscribe")
class UnsubscribeController {

	private final Unsubscribing unsubscribing;

	UnsubscribeController(Unsubscribing unsubscribing) {
		this.unsubscribing = unsubscribing;
	}

	@GetMapping
	ModelAndView confirm(@RequestParam(defaultValue = "") String token) {
		LinkCheck check = this.unsubscribing.check(token);
		return check.valid() ? page("web/unsubscribe-confirm", token, this.unsubscribing.subscriber(token))
				: LinkPages.refused(check);
	}

	@PostMapping
	ModelAndView unsubscribe(@RequestParam(defaultValue = "") String token) {
		LinkCheck check = this.unsubscribing.check(token);
		return check.valid() ? page("web/unsubscribed", token, this.unsubscribing.unsubscribe(token))
				: LinkPages.refused(check);
	}

	private ModelAndView page(String view, String token, Optional<Subscriber> subscriber) {
		if (subscriber.isEmpty()) {
			return LinkPages.refused(new LinkCheck(LinkCheck.State.INVALID, 0));
		}
		ModelAndView page = new ModelAndView(view);
		page.addObject("token", token);
		page.addObject("email", subscriber.get().email());
		return page;
	}

}
