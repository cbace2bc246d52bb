package news.dispatch.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import news.dispatch.subscriber.Erasures;
import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.Preferences;
import news.dispatch.subscriber.Subscriber;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The reader's data, from their own page.
 * <ul>
 * <li>{@code POST /preferences/data}: everything kept about them, as a JSON file to save
 * ({@link ReaderData}; GDPR article 15). A form with a CSRF token, not a link, so that
 * nothing fetches it but the reader's own click.</li>
 * <li>{@code GET /preferences/erase?token=…}: asks to confirm, and says what goes and
 * what stays; {@code POST /preferences/erase}: erases them ({@link Erasures}; GDPR
 * article 17). Afterwards their links open nothing.</li>
 * </ul>
 */
@Controller
@RequestMapping("/preferences")
class ReaderDataController {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Preferences preferences;

	private final ReaderData data;

	private final Erasures erasures;

	private final PreferencesPage page;

	ReaderDataController(Preferences preferences, ReaderData data, Erasures erasures, PreferencesPage page) {
		this.preferences = preferences;
		this.data = data;
		this.erasures = erasures;
		this.page = page;
	}

	@PostMapping("/data")
	@Nullable ModelAndView download(@RequestParam(defaultValue = "") String token, HttpServletResponse response)
			throws IOException {
		LinkCheck check = this.preferences.check(token);
		Subscriber subscriber = check.valid() ? this.preferences.subscriber(token).orElse(null) : null;
		if (subscriber == null) {
			return LinkPages.refused(check.valid() ? new LinkCheck(LinkCheck.State.INVALID, 0) : check);
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("my-data.json").build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		JSON.writeValue(response.getOutputStream(), this.data.of(subscriber));
		// written: no view to render
		return null;
	}

	/**
	 * The reader's page again when the download's CSRF token was refused; reached only by
	 * the forward of {@link FormsAgain}.
	 */
	@RequestMapping("/data/again")
	ModelAndView downloadAgain(@RequestParam(defaultValue = "") String token, HttpServletRequest request) {
		if (!FormsAgain.refused(request)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return PreferencesController.withSubscriber(this.preferences, token, (subscriber) -> {
			ModelAndView page = this.page.page(token, subscriber, null);
			page.addObject("error",
					"This page was open for too long, so nothing was downloaded. Press the button" + " again.");
			page.setStatus(HttpStatus.FORBIDDEN);
			return page;
		});
	}

	@GetMapping("/erase")
	ModelAndView erasePage(@RequestParam(defaultValue = "") String token) {
		return PreferencesController.withSubscriber(this.preferences, token,
				(subscriber) -> new ModelAndView("web/erase-confirm").addObject("token", token)
					.addObject("email", subscriber.email())
					.addObject("preferences", "/preferences?token=" + token));
	}

	@PostMapping("/erase")
	ModelAndView erase(@RequestParam(defaultValue = "") String token) {
		return PreferencesController.withSubscriber(this.preferences, token, (subscriber) -> {
			this.erasures.erase(subscriber);
			return new ModelAndView("web/erased").addObject("email", subscriber.email());
		});
	}

	/**
	 * The confirmation again when its CSRF token was refused; reached only by the forward
	 * of {@link FormsAgain}.
	 */
	@RequestMapping("/erase/again")
	ModelAndView eraseAgain(@RequestParam(defaultValue = "") String token, HttpServletRequest request) {
		if (!FormsAgain.refused(request)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		ModelAndView page = erasePage(token);
		if (page.getViewName() != null && page.getViewName().equals("web/erase-confirm")) {
			page.addObject("error", "This page was open for too long, so nothing was erased. If you still want"
					+ " your data erased, press the button again.");
			page.setStatus(HttpStatus.FORBIDDEN);
		}
		return page;
	}

}
