package news.dispatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A newsroom's web server on loopback for tests: serves feeds and pages as real servers
 * do (content types, ETag and Last-Modified with 304 answers), and misbehaves on request
 * (hangs, errors, redirect loops, endless or oversized bodies). Register it in a static
 * field with {@code @RegisterExtension}: it stops after the test class.
 */
final class NewsroomServer implements AutoCloseable, AfterAllCallback {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	NewsroomServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			this.requests.add(path + " " + describe(exchange));
			HttpHandler handler = this.routes.get(path);
			if (handler == null) {
				send(exchange, 404, "text/html", "<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8));
			}
			else {
				handler.handle(exchange);
			}
		});
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * Serves a document with an ETag and a Last-Modified, answering 304 to a request that
	 * sends them back.
	 */
	NewsroomServer serve(String path, String contentType, byte[] body, String etag) {
		this.routes.put(path, (exchange) -> {
			if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				exchange.sendResponseHeaders(304, -1);
				exchange.close();
				return;
			}
			exchange.getResponseHeaders().add("ETag", etag);
			exchange.getResponseHeaders().add("Last-Modified", "Fri, 27 Nov 2026 10:00:00 GMT");
			send(exchange, 200, contentType, body);
		});
		return this;
	}

	NewsroomServer serve(String path, String contentType, byte[] body) {
		return serve(path, contentType, body, "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
	}

	NewsroomServer fixture(String path, String contentType, String fixture) {
		try (InputStream in = NewsroomServer.class.getResourceAsStream("/fixtures/" + fixture)) {
			return serve(path, contentType, in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	NewsroomServer handle(String path, HttpHandler handler) {
		this.routes.put(path, handler);
		return this;
	}

	/**
	 * The requests so far, each as its path and the validators it sent.
	 */
	List<String> requests() {
		return this.requests;
	}

	static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static String describe(HttpExchange exchange) {
		String etag = exchange.getRequestHeaders().getFirst("If-None-Match");
		String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
		return "If-None-Match=" + etag + " If-Modified-Since=" + since;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
