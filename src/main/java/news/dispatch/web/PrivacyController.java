package news.dispatch.web;

import news.dispatch.subscriber.LinkSettings;
import news.dispatch.tracking.TrackingSettings;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code GET /privacy}: the privacy notice the sign-up form and the reader's page link
 * to. Its text is the template {@code templates/web/privacy.ftlh}, for a newsroom to make
 * its own; it is told whether clicks are kept per reader and how long links last.
 */
@Controller
class PrivacyController {

	private final TrackingSettings tracking;

	private final LinkSettings links;

	PrivacyController(TrackingSettings tracking, LinkSettings links) {
		this.tracking = tracking;
		this.links = links;
	}

	@GetMapping("/privacy")
	ModelAndView notice() {
		return new ModelAndView("web/privacy").addObject("clicksCounted", this.tracking.enabled())
			.addObject("clicksPerReader", this.tracking.enabled() && this.tracking.perReader())
			.addObject("confirmHours", this.links.confirm().toHours());
	}

}
