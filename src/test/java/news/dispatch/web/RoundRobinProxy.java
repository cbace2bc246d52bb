package news.dispatch.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A load balancer for tests: hands each request to the next of its backends in turn (no
 * stickiness of any kind), passing method, headers, body and the answer through
 * unchanged, and says which backend answered in {@code X-Backend}.
 */
final class RoundRobinProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
			"transfer-encoding", "keep-alive");

	private final List<Integer> backends;

	private final AtomicInteger next = new AtomicInteger();

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final HttpServer server;

	RoundRobinProxy(List<Integer> backends) throws IOException {
		this.backends = backends;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::forward);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	private void forward(HttpExchange exchange) throws IOException {
		int backend = Math.floorMod(this.next.getAndIncrement(), this.backends.size());
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.backends.get(backend) + exchange.getRequestURI()))
				.method(exchange.getRequestMethod(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> answer = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			answer.headers().map().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			exchange.getResponseHeaders().add("X-Backend", Integer.toString(backend));
			byte[] out = answer.body();
			exchange.sendResponseHeaders(answer.statusCode(), (out.length == 0) ? -1 : out.length);
			if (out.length > 0) {
				try (OutputStream stream = exchange.getResponseBody()) {
					stream.write(out);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
