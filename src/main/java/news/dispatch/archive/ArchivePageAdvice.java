package news.dispatch.archive;

import jakarta.servlet.http.HttpServletResponse;
import news.dispatch.system.DispatchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every archive page shows (the site's name), and the styled page for what went
 * wrong: the {@link ArchiveProblem}'s status and message, or for anything unforeseen a
 * 500 that says so, its cause in the log and never on the page.
 */
@ControllerAdvice(
		assignableTypes = { ArchivePages.class, ArchiveFeeds.class, ArchiveSearchPage.class, WebCopies.class })
class ArchivePageAdvice {

	private static final Logger log = LoggerFactory.getLogger(ArchivePageAdvice.class);

	private final DispatchSettings settings;

	ArchivePageAdvice(DispatchSettings settings) {
		this.settings = settings;
	}

	@ModelAttribute("site")
	String site() {
		return this.settings.site().name();
	}

	@ExceptionHandler(ArchiveProblem.class)
	ModelAndView problem(ArchiveProblem problem, HttpServletResponse response) {
		return page(problem.status(), problem.title(), problem.getMessage(), response);
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex, HttpServletResponse response) {
		log.error("The archive could not answer a request", ex);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
				"The archive could not show this page just now. Try again in a minute; if it keeps happening, tell us.",
				response);
	}

	private ModelAndView page(HttpStatus status, String title, String message, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		ModelAndView page = new ModelAndView("archive/problem");
		page.addObject("site", this.settings.site().name());
		page.addObject("title", title);
		page.addObject("message", message);
		page.addObject("status", status.value());
		page.setStatus(status);
		return page;
	}

}
