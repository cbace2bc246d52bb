package news.dispatch.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.alert.AlertSettings;
import news.dispatch.alert.AlreadyAlertedException;
import news.dispatch.alert.Alerts;
import news.dispatch.alert.InvalidWordingException;
import news.dispatch.audit.AuditLog;
import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The editor page: recent articles with their matched topics and audiences; an article's
 * alert previewed (with a headline and note of the editor's), then sent after a
 * confirmation. Behind the editor login; every form carries a CSRF token.
 */
@Controller
@RequestMapping("/editor")
class EditorController {

	private final Alerts alerts;

	private final AlertSettings settings;

	private final AuditLog audit;

	EditorController(Alerts alerts, AlertSettings settings, AuditLog audit) {
		this.alerts = alerts;
		this.settings = settings;
		this.audit = audit;
	}

	@GetMapping("/login")
	ModelAndView login(@RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String out,
			@RequestParam(required = false) @Nullable String locked) {
		ModelAndView page = new ModelAndView("web/editor-login");
		if (locked != null) {
			page.addObject("error", "Too many wrong passwords: logins to this account or from this network are"
					+ " locked for a while. Try again later, or ask the operator.");
		}
		if (error != null) {
			page.addObject("error", "That name and password are not an editor's. Try again.");
		}
		if (out != null) {
			page.addObject("notice", "You are logged out.");
		}
		return page;
	}

	@GetMapping
	ModelAndView articles(Principal editor) {
		ModelAndView page = new ModelAndView("web/editor");
		page.addObject("articles", this.alerts.recent());
		page.addObject("editor", editor.getName());
		page.addObject("settings", this.settings);
		return page;
	}

	@GetMapping("/articles/{id}")
	ModelAndView preview(@PathVariable long id, @RequestParam(defaultValue = "") String headline,
			@RequestParam(defaultValue = "") String note) {
		return page("web/editor-preview", id, headline, note);
	}

	@PostMapping("/articles/{id}/confirm")
	ModelAndView confirm(@PathVariable long id, @RequestParam(defaultValue = "") String headline,
			@RequestParam(defaultValue = "") String note) {
		return page("web/editor-confirm", id, headline, note);
	}

	@PostMapping("/articles/{id}/send")
	ModelAndView send(@PathVariable long id, @RequestParam(defaultValue = "") String headline,
			@RequestParam(defaultValue = "") String note, Principal editor, HttpServletRequest request) {
		try {
			Alerts.Preview started = this.alerts.startInBackground(id, headline, note, "editor:" + editor.getName());
			this.audit.record(editor.getName(), AuditLog.Action.ALERT_SENT, id, request.getRemoteAddr(),
					started.headline());
			ModelAndView page = new ModelAndView("web/editor-sent");
			page.addObject("preview", started);
			return page;
		}
		catch (InvalidWordingException ex) {
			return page("web/editor-preview", id, headline, note);
		}
		catch (AlreadyAlertedException ex) {
			ModelAndView page = page("web/editor-preview", id, headline, note);
			page.addObject("error", ex.getMessage());
			page.setStatus(HttpStatus.CONFLICT);
			return page;
		}
	}

	private ModelAndView page(String view, long id, String headline, String note) {
		try {
			ModelAndView page = new ModelAndView(view);
			page.addObject("preview", this.alerts.preview(id, headline, note));
			page.addObject("headline", headline);
			page.addObject("note", note);
			page.addObject("settings", this.settings);
			return page;
		}
		catch (InvalidWordingException ex) {
			// the preview page again, with the article's own wording and the editor's
			// text
			// in the fields to shorten
			ModelAndView page = page("web/editor-preview", id, "", "");
			page.addObject("headline", headline);
			page.addObject("note", note);
			page.addObject("error", ex.getMessage());
			page.setStatus(HttpStatus.BAD_REQUEST);
			return page;
		}
		catch (InvalidInputException ex) {
			ModelAndView page = new ModelAndView("web/editor-missing");
			page.addObject("error", ex.getMessage());
			page.setStatus(HttpStatus.NOT_FOUND);
			return page;
		}
	}

}
