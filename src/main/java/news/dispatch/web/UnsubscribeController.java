package news.dispatch.web;

import java.util.Optional;

import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.Unsubscribing;
import org.jspecify.annotations.Nullable;

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
 * because mail scanners follow links, and lets the reader say why (optional, kept up to
 * {@link Unsubscribing#MAX_REASON} characters); a GET changes nothing.</li>
 * </ul>
 * The link never expires. A reader already unsubscribed is told so, with a link to their
 * preferences should they want something back; an erased reader is told their data is
 * gone. A forged or altered token gets a page that says so, with status 400, and changes
 * nothing.
 */
@Controller
@RequestMapping("/unsubscribe")
class UnsubscribeController {

	private final Unsubscribing unsubscribing;

	private final SubscriberLinks links;

	UnsubscribeController(Unsubscribing unsubscribing, SubscriberLinks links) {
		this.unsubscribing = unsubscribing;
		this.links = links;
	}

	@GetMapping
	ModelAndView confirm(@RequestParam(defaultValue = "") String token) {
		LinkCheck check = this.unsubscribing.check(token);
		if (!check.valid()) {
			return LinkPages.refused(check);
		}
		Optional<Subscriber> subscriber = this.unsubscribing.subscriber(token);
		return alreadyUnsubscribed(subscriber) ? page("web/already-unsubscribed", token, subscriber)
				: page("web/unsubscribe-confirm", token, subscriber);
	}

	@PostMapping
	ModelAndView unsubscribe(@RequestParam(defaultValue = "") String token,
			@RequestParam(required = false) @Nullable String reason) {
		LinkCheck check = this.unsubscribing.check(token);
		if (!check.valid()) {
			return LinkPages.refused(check);
		}
		Optional<Unsubscribing.Outcome> outcome = this.unsubscribing.unsubscribe(check, reason);
		Optional<Subscriber> subscriber = outcome.map(Unsubscribing.Outcome::subscriber);
		if (outcome.isEmpty() || outcome.get().already()) {
			return page("web/already-unsubscribed", token, subscriber);
		}
		ModelAndView page = page("web/unsubscribed", token, subscriber);
		if (outcome.get().reasonCut()) {
			page.addObject("notice", "Thank you for telling us why. Only its first " + Unsubscribing.MAX_REASON
					+ " characters are kept.");
		}
		else if (reason != null && !reason.isBlank()) {
			page.addObject("notice", "Thank you for telling us why.");
		}
		return page;
	}

	private static boolean alreadyUnsubscribed(Optional<Subscriber> subscriber) {
		return subscriber.isPresent() && (subscriber.get().status() == SubscriberStatus.UNSUBSCRIBED
				|| subscriber.get().status() == SubscriberStatus.ERASED);
	}

	private ModelAndView page(String view, String token, Optional<Subscriber> subscriber) {
		if (subscriber.isEmpty()) {
			return LinkPages.refused(new LinkCheck(LinkCheck.State.INVALID, 0));
		}
		if (subscriber.get().status() == SubscriberStatus.ERASED) {
			return new ModelAndView("web/erased");
		}
		ModelAndView page = new ModelAndView(view);
		page.addObject("token", token);
		page.addObject("email", subscriber.get().email());
		page.addObject("alertsOnly", subscriber.get().alertsOnly());
		page.addObject("maxReason", Unsubscribing.MAX_REASON);
		page.addObject("preferences", LinkPages.local(this.links.preferences(subscriber.get().id())));
		return page;
	}

}
