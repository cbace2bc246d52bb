package news.dispatch.web;

import java.net.URI;
import java.time.Instant;

import news.dispatch.tracking.Clicks;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /r/TOKEN}: a story's link in a digest or alert. A token this server signed is
 * counted and redirected (302) to the story's own address; any other answers 400 and
 * counts nothing. A HEAD request is answered the same way and counted as a scanner's.
 */
@RestController
class ClickController {

	private final Clicks clicks;

	ClickController(Clicks clicks) {
		this.clicks = clicks;
	}

	@RequestMapping(path = "/r/{token}", method = { RequestMethod.GET, RequestMethod.HEAD })
	ResponseEntity<String> click(@PathVariable String token, HttpMethod method,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent) {
		return this.clicks.click(token, HttpMethod.HEAD.equals(method), userAgent, Instant.now())
			.map((target) -> ResponseEntity.status(HttpStatus.FOUND)
				.location(URI.create(target))
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header("Referrer-Policy", "no-referrer")
				.<String>build())
			.orElseGet(() -> ResponseEntity.badRequest()
				.contentType(MediaType.TEXT_PLAIN)
				.body("This link is not valid: it was altered or cut short. Open the story from the message it came"
						+ " in, or from the site.\n"));
	}

}
