package news.dispatch.web;

import news.dispatch.subscriber.LinkCheck;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages for a link that cannot be used: expired (status 410, with a form to have a
 * fresh link mailed) or not valid at all (status 400). Neither changes anything.
 */
final class LinkPages {

	private LinkPages() {
	}

	static ModelAndView refused(LinkCheck check) {
		if (check.state() == LinkCheck.State.EXPIRED) {
			ModelAndView page = new ModelAndView("web/expired-link");
			page.setStatus(HttpStatus.GONE);
			return page;
		}
		ModelAndView page = new ModelAndView("web/invalid-link");
		page.setStatus(HttpStatus.BAD_REQUEST);
		return page;
	}

	/**
	 * The path and query of one of our links, for a page to link to it on this server.
	 */
	static String local(String link) {
		return link.substring(link.indexOf("/", link.indexOf("//") + 2));
	}

}
