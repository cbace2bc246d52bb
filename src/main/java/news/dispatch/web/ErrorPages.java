package news.dispatch.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.system.DispatchSettings;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a browser gets for any error (a page not found, a refused or malformed
 * request, one too large, a fault of ours): the site's own frame, readable on a phone,
 * saying in a sentence what happened and what to do, never a stack trace. API clients
 * asking for JSON get Spring's JSON error instead.
 */
@Component
class ErrorPages implements ErrorViewResolver {

	private final DispatchSettings settings;

	ErrorPages(DispatchSettings settings) {
		this.settings = settings;
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		ModelAndView page = new ModelAndView("web/error");
		page.addObject("site", this.settings.site().name());
		page.addObject("code", status.value());
		page.addObject("title", title(status));
		page.addObject("advice", advice(status));
		page.setStatus(status);
		return page;
	}

	private static String title(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "There is no such page";
			case FORBIDDEN -> "This page cannot be used any more";
			case CONTENT_TOO_LARGE -> "What you sent is too large";
			case METHOD_NOT_ALLOWED, BAD_REQUEST -> "This request could not be understood";
			case TOO_MANY_REQUESTS -> "Too many requests";
			default -> status.is5xxServerError() ? "Something went wrong on our side" : status.getReasonPhrase();
		};
	}

	private static String advice(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "Check the address, or use the link in your latest email.";
			case FORBIDDEN -> "The page was open for too long, or it came from another site. Go back,"
					+ " reload the page and send it again.";
			case CONTENT_TOO_LARGE -> "Shorten what you wrote and send it again.";
			case TOO_MANY_REQUESTS -> "Wait a while and try again.";
			default -> status.is5xxServerError() ? "Nothing you did caused it. Try again in a few minutes."
					: "Go back, check what you entered and send it again.";
		};
	}

}
