package news.dispatch.web;

import java.util.Optional;

import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.Unsubscribing;
import news.dispatch.system.DispatchSettings;

import org.springframework.http.HttpStatus;
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
 * A forged or altered token gets a page that says so, with status 400, and changes
 * nothing.
 */
@Controller
@RequestMapping("/unsubscribe")
class UnsubscribeController {

	private final Unsubscribing unsubscribing;

	private final DispatchSettings settings;

	UnsubscribeController(Unsubscribing unsubscribing, DispatchSettings settings) {
		this.unsubscribing = unsubscribing;
		this.settings = settings;
	}

	@GetMapping
	ModelAndView confirm(@RequestParam(defaultValue = "") String token) {
		return page("web/unsubscribe-confirm", token, this.unsubscribing.subscriber(token));
	}

	@PostMapping
	ModelAndView unsubscribe(@RequestParam(defaultValue = "") String token) {
		return page("web/unsubscribed", token, this.unsubscribing.unsubscribe(token));
	}

	private ModelAndView page(String view, String token, Optional<Subscriber> subscriber) {
		ModelAndView page = new ModelAndView(subscriber.isPresent() ? view : "web/invalid-link");
		page.addObject("site", this.settings.site().name());
		page.addObject("token", token);
		subscriber.ifPresent((found) -> page.addObject("email", found.email()));
		if (subscriber.isEmpty()) {
			page.setStatus(HttpStatus.BAD_REQUEST);
		}
		return page;
	}

}
