package news.dispatch.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import news.dispatch.system.DispatchSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every subscriber page shows: the site's name, and the CSRF token its forms carry
 * in a hidden field (made, and its signed cookie set, only when a page has such a form).
 */
@ControllerAdvice(assignableTypes = { UnsubscribeController.class, SignUpController.class, PreferencesController.class,
		ReaderDetailsController.class, ReaderDataController.class, PrivacyController.class, EditorController.class,
		EditorTopicsController.class, EditorClicksController.class, FreshLinkController.class })
class PageAttributes {

	private static final int PAGE_BUFFER = 256 * 1024;

	private final DispatchSettings settings;

	PageAttributes(DispatchSettings settings) {
		this.settings = settings;
	}

	@ModelAttribute("site")
	String site() {
		return this.settings.site().name();
	}

	@ModelAttribute("csrf")
	@Nullable CsrfToken csrf(HttpServletRequest request, HttpServletResponse response) {
		// the token is made (and its cookie set) only when a page prints its form's
		// field:
		// the page is buffered whole so that the cookie can still be set then
		if (!response.isCommitted()) {
			response.setBufferSize(PAGE_BUFFER);
		}
		return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
	}

}
