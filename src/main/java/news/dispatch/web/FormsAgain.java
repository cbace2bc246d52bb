package news.dispatch.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * When a reader's form is refused for its CSRF token (the page was open longer than the
 * token lives, or the browser dropped its cookie), the reader gets the same form back,
 * filled in with what they typed and a fresh token, and a sentence saying nothing was
 * saved: the request is forwarded to the form's {@code …/again} handler, which only
 * renders. Any other refusal is the 403 error page.
 */
final class FormsAgain implements AccessDeniedHandler {

	/** The request attribute that lets a form's {@code …/again} handler answer. */
	static final String REFUSED = FormsAgain.class.getName() + ".refused";

	static final String MESSAGE = "This page was open for too long, so nothing was saved. Your answers are"
			+ " below: check them and send the form again.";

	/** The forms that have an {@code …/again} handler. */
	private static final Set<String> FORMS = Set.of("/subscribe", "/preferences", "/preferences/details",
			"/preferences/data", "/preferences/erase", "/address");

	private final AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (denied instanceof CsrfException && HttpMethod.POST.matches(request.getMethod()) && FORMS.contains(path)) {
			request.setAttribute(REFUSED, Boolean.TRUE);
			request.getRequestDispatcher(path + "/again").forward(request, response);
			return;
		}
		this.otherwise.handle(request, response, denied);
	}

	static boolean refused(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(REFUSED));
	}

}
