package news.dispatch.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A reader's client of the subscriber pages over real HTTP: keeps cookies like a browser
 * (or none, like a mail provider's one-click POST), and reads the CSRF field of a page's
 * form. Like a browser it asks for HTML, so errors come as the site's error page.
 */
final class PageClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/** What a browser asks for: pages, errors included, come as HTML. */
	private static final String ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

	private final int port;

	private final HttpClient http;

	PageClient(int port, boolean cookies) {
		this.port = port;
		HttpClient.Builder builder = HttpClient.newBuilder();
		if (cookies) {
			builder.cookieHandler(new CookieManager());
		}
		this.http = builder.build();
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Accept", ACCEPT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Posts the form fields (a list value gives the field once per element).
	 */
	HttpResponse<String> post(String path, Map<String, ?> fields) throws Exception {
		String body = fields.entrySet()
			.stream()
			.flatMap((field) -> ((field.getValue() instanceof List<?> values) ? values : List.of(field.getValue()))
				.stream()
				.map((value) -> encode(field.getKey()) + "=" + encode(String.valueOf(value))))
			.collect(Collectors.joining("&"));
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", ACCEPT)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The CSRF token of the first form of a page fetched with this client.
	 */
	String csrf(String path) throws Exception {
		HttpResponse<String> page = get(path);
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new AssertionError("no CSRF field on " + path + " (" + page.statusCode() + "): " + page.body());
		}
		return matcher.group(1);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
