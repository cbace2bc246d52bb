package news.dispatch;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.subscriber.Subscribers;

import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's site as a test reaches it, over real HTTP at the port it serves on: a
 * {@link FunctionalTest} with a web environment (RANDOM_PORT or DEFINED_PORT) has one to
 * inject. It makes clients that behave as a browser does ({@link #browser()}: cookies,
 * the CSRF field of a form, pages as HTML) or as a mail provider or a script does
 * ({@link #stranger()}: no cookies), calls the JSON API, and knows the readers the site
 * has stored and the pages their mailed links lead to.
 */
public final class Site {

	private final Environment environment;

	private final Subscribers subscribers;

	private final SubscriberLinks links;

	public Site(Environment environment, Subscribers subscribers, SubscriberLinks links) {
		this.environment = environment;
		this.subscribers = subscribers;
		this.links = links;
	}

	/**
	 * The port the site serves on, known once its server has started.
	 */
	public int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * The address of a path (and query) on this site.
	 */
	public String url(String path) {
		return "http://localhost:" + port() + path;
	}

	/**
	 * A browser of its own: keeps its cookies (the session its CSRF tokens belong to).
	 */
	public Client browser() {
		return new Client(url(""), true);
	}

	/**
	 * A client that keeps no cookies: a mail provider's one-click POST, a link scanner, a
	 * stranger.
	 */
	public Client stranger() {
		return new Client(url(""), false);
	}

	/**
	 * A browser logged in to the editor page as this editor.
	 */
	public Client editor(String name, String password) throws Exception {
		Client editor = browser();
		assertThat(editor.logIn(name, password)).as("the login of " + name).isEqualTo("/editor");
		return editor;
	}

	/**
	 * Calls the API as a script does: {@code body}, if not null, sent as JSON unless the
	 * headers name another {@code Content-Type}; {@code headers} as name, value, name,
	 * value… (a header whose value is null is left out).
	 */
	public HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
		boolean typed = false;
		for (int i = 0; i < headers.length; i += 2) {
			if (headers[i + 1] != null) {
				request.header(headers[i], headers[i + 1]);
				typed |= headers[i].equalsIgnoreCase("Content-Type");
			}
		}
		if (body != null && !typed) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The value of an HTTP basic {@code Authorization} header.
	 */
	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The reader stored under this address, as stored now.
	 */
	public Subscriber reader(String email) {
		return findReader(email).orElseThrow(() -> new AssertionError("no reader " + email + " is stored"));
	}

	/**
	 * The reader stored under this address, if there is one.
	 */
	public Optional<Subscriber> findReader(String email) {
		return this.subscribers.findByEmail(email);
	}

	/**
	 * The reader stored under this id, as stored now.
	 */
	public Subscriber reader(long id) {
		return this.subscribers.find(id).orElseThrow(() -> new AssertionError("no reader " + id + " is stored"));
	}

	/**
	 * Where the preferences link mailed to this reader leads on this site (path and
	 * query).
	 */
	public String preferencesPage(long reader) {
		return page("/preferences", this.links.preferences(reader));
	}

	/**
	 * Where the unsubscribe link mailed to this reader leads on this site (path and
	 * query).
	 */
	public String unsubscribePage(long reader) {
		return page("/unsubscribe", this.links.unsubscribe(reader));
	}

	private static String page(String path, String link) {
		return path + "?" + URI.create(link).getRawQuery();
	}

	/**
	 * The token of a link or page address.
	 */
	public static String token(String link) {
		return link.substring(link.indexOf("token=") + 6);
	}

	/**
	 * A client of one site over real HTTP. Like a browser it asks for HTML, so errors
	 * come as the site's error page, and it does not follow redirects by itself
	 * ({@link #follow}), so that a test sees where it is sent.
	 */
	public static final class Client {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		/** What a browser asks for: pages, errors included, come as HTML. */
		private static final String ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

		private final String base;

		private final HttpClient http;

		private Client(String base, boolean cookies) {
			this.base = base;
			HttpClient.Builder builder = HttpClient.newBuilder();
			if (cookies) {
				builder.cookieHandler(new CookieManager());
			}
			this.http = builder.build();
		}

		/**
		 * A browser of its own for a site at another port of this machine (an instance in
		 * another process, a proxy in front of several).
		 */
		public static Client browserAt(int port) {
			return new Client("http://localhost:" + port, true);
		}

		public HttpResponse<String> get(String path) throws Exception {
			return send(HttpRequest.newBuilder(URI.create(this.base + path)));
		}

		/**
		 * Posts the form fields as they are (a list value gives the field once per
		 * element).
		 */
		public HttpResponse<String> post(String path, Map<String, ?> fields) throws Exception {
			String body = fields.entrySet()
				.stream()
				.flatMap((field) -> ((field.getValue() instanceof List<?> values) ? values : List.of(field.getValue()))
					.stream()
					.map((value) -> encode(field.getKey()) + "=" + encode(String.valueOf(value))))
				.collect(Collectors.joining("&"));
			return send(HttpRequest.newBuilder(URI.create(this.base + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		/**
		 * Submits a form as a browser does: fetches the page the form is on and posts the
		 * fields with the page's CSRF token to the form's action.
		 */
		public HttpResponse<String> submit(String page, String action, Map<String, ?> fields) throws Exception {
			Map<String, Object> withCsrf = new LinkedHashMap<>(fields);
			withCsrf.put("_csrf", csrf(page));
			return post(action, withCsrf);
		}

		/**
		 * The CSRF token of the first form of a page fetched with this client.
		 */
		public String csrf(String path) throws Exception {
			HttpResponse<String> page = get(path);
			return csrfOf(page.body(), path + " (" + page.statusCode() + ")");
		}

		/**
		 * The CSRF token of the first form of a page this client was given.
		 */
		public static String csrfOf(String page, String what) {
			Matcher matcher = CSRF.matcher(page);
			if (!matcher.find()) {
				throw new AssertionError("no CSRF field on " + what + ": " + page);
			}
			return matcher.group(1);
		}

		/**
		 * Follows a redirect: fetches the path and query of its {@code Location}.
		 */
		public HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
			URI location = URI.create(redirect.headers()
				.firstValue("Location")
				.orElseThrow(() -> new AssertionError("not a redirect: " + redirect.statusCode())));
			return get(location.getRawPath() + ((location.getRawQuery() != null) ? "?" + location.getRawQuery() : ""));
		}

		/**
		 * Logs in on the editor's login page and answers where the site sent the client,
		 * from {@code /editor} on ({@code /editor} itself, {@code /editor/login?error},
		 * {@code /editor/login?locked}).
		 */
		public String logIn(String name, String password) throws Exception {
			HttpResponse<String> answer = submit("/editor/login", "/editor/login",
					Map.of("username", name, "password", password));
			String location = answer.headers().firstValue("Location").orElse("");
			return location.substring(location.indexOf("/editor"));
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			return this.http.send(request.header("Accept", ACCEPT).build(), HttpResponse.BodyHandlers.ofString());
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
