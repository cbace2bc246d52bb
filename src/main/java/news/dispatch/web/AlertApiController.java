package news.dispatch.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import news.dispatch.alert.Alerts;
import news.dispatch.alert.AlreadyAlertedException;
import news.dispatch.alert.InvalidWordingException;
import news.dispatch.article.Articles;
import news.dispatch.audit.AuditLog;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The alert API for editors' tools, under {@code dispatch serve}:
 * <ul>
 * <li>{@code POST /api/alerts} with {@code {"article": 12, "headline": "…", "note": "…"}}
 * starts the alert (202, with its audience); with {@code "dryRun": true} it answers the
 * preview (200) and sends nothing; an article already alerted is refused (409), an
 * unknown one too (404);</li>
 * <li>{@code GET /api/alerts/12}: the ledger's counts for the article's alert.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/alerts")
class AlertApiController {

	private final Alerts alerts;

	private final EditionTotals totals;

	private final Articles articles;

	private final AuditLog audit;

	AlertApiController(Alerts alerts, EditionTotals totals, Articles articles, AuditLog audit) {
		this.alerts = alerts;
		this.totals = totals;
		this.articles = articles;
		this.audit = audit;
	}

	/**
	 * What a caller sends.
	 */
	record AlertCall(@Nullable Long article, @Nullable String headline, @Nullable String note,
			@Nullable Boolean dryRun) {
	}

	@PostMapping
	ResponseEntity<Object> alert(@RequestBody AlertCall call, Principal editor, HttpServletRequest request) {
		if (call.article() == null) {
			return problem(HttpStatus.BAD_REQUEST,
					"The request has no \"article\"; send {\"article\": ID} with the id of an article.");
		}
		if (Boolean.TRUE.equals(call.dryRun())) {
			return ResponseEntity.ok(this.alerts.preview(call.article(), call.headline(), call.note()));
		}
		Alerts.Preview started = this.alerts.startInBackground(call.article(), call.headline(), call.note(),
				"api:" + editor.getName());
		this.audit.record(editor.getName(), AuditLog.Action.ALERT_SENT, started.articleId(), request.getRemoteAddr(),
				started.headline());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("article", started.articleId());
		body.put("status", "started");
		body.put("headline", started.headline());
		body.put("topics", started.topics());
		body.put("audience", started.audience());
		body.put("held", started.held());
		body.put("capped", started.capped());
		body.put("progress", "/api/alerts/" + started.articleId());
		body.put("requestedBy", "api:" + editor.getName());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
	}

	@GetMapping("/{article}")
	ResponseEntity<Object> status(@PathVariable long article) {
		if (this.articles.find(article).isEmpty()) {
			return problem(HttpStatus.NOT_FOUND, "There is no article " + article
					+ "; see the ids with dispatch articles list (or the editor page).");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("article", article);
		body.put("sentRun", this.alerts.sentRun(article).orElse(null));
		body.put("requestedBy", this.alerts.requestedBy(article).orElse(null));
		body.put("deliveries", this.totals.counts(LedgerKey.alert(article)));
		return ResponseEntity.ok(body);
	}

	@ExceptionHandler(InvalidWordingException.class)
	ResponseEntity<Object> tooLong(InvalidWordingException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Object> unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST, "The request is not JSON like {\"article\": 12, \"headline\": \"…\","
				+ " \"note\": \"…\", \"dryRun\": true}, with the article as a number; send it so.");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> notAnId(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST,
				"\"" + ex.getValue() + "\" is not an article id; use the number dispatch articles list shows.");
	}

	@ExceptionHandler(AlreadyAlertedException.class)
	ResponseEntity<Object> alreadyAlerted(AlreadyAlertedException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> invalid(InvalidInputException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
