package news.dispatch.web;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.system.DispatchSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every subscriber page shows: the site's name, and the CSRF token its forms carry
 * in a hidden field (loaded, and a session made, only when a page has such a form).
 */
@ControllerAdvice(assignableTypes = { UnsubscribeController.class, SignUpController.class, PreferencesController.class,
		EditorController.class, EditorTopicsController.class, FreshLinkController.class })
class PageAttributes {

	private final DispatchSettings settings;

	PageAttributes(DispatchSettings settings) {
		this.settings = settings;
	}

	@ModelAttribute("site")
	String site() {
		return this.settings.site().name();
	}

	@ModelAttribute("csrf")
	@Nullable CsrfToken csrf(HttpServletRequest request) {
		return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
	}

}
