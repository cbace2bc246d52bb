package news.dispatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a download ends: whole, compressed, after redirects, or cut off by the server.
 */
class FetcherTests {

	@RegisterExtension
	static final NewsroomServer web = new NewsroomServer();

	static final byte[] FEED = IngestFunctionalTests.rss("lamp-1", "Lighthouse gets a new lamp",
			"The lighthouse on the point got an LED lamp that can be seen twenty miles out.");

	private final Fetcher fetcher = new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 5,
			"test");

	@Test
	void aServerThatClosesTheConnectionBeforeTheLengthItAnnouncedGivesNothingButAReportLine() throws IOException {
		String head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: " + FEED.length
				+ "\r\n\r\n";
		try (CuttingServer server = new CuttingServer(head, FEED, FEED.length / 2)) {
			assertThatExceptionOfType(UnusableInputException.class)
				.isThrownBy(() -> this.fetcher.fetch("site", server.url(), null, null, 1_000_000))
				.withMessageStartingWith("the server closed the connection before the end of the document (sent "
						+ FEED.length / 2 + " of the " + FEED.length + " bytes it announced)");
		}
	}

	@Test
	void aChunkedAnswerCutOffBeforeItsLastChunkGivesNothingButAReportLine() throws IOException {
		String head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ Integer.toHexString(FEED.length) + "\r\n";
		try (CuttingServer server = new CuttingServer(head, FEED, FEED.length / 2)) {
			assertThatExceptionOfType(UnusableInputException.class)
				.isThrownBy(() -> this.fetcher.fetch("site", server.url(), null, null, 1_000_000))
				.withMessageStartingWith("the server closed the connection before the end of the document");
		}
	}

	@Test
	void aCompressedAnswerAfterRelativeRedirectsIsTheDocument() throws IOException {
		java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
			gzip.write(FEED);
		}
		web.handle("/old/feed", (exchange) -> redirect(exchange, 301, "../new/feed"))
			.handle("/new/feed", (exchange) -> redirect(exchange, 308, "/feed.xml"))
			.handle("/feed.xml", (exchange) -> {
				boolean gzip = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding"))
					.contains("gzip");
				if (gzip) {
					exchange.getResponseHeaders().add("Content-Encoding", "gzip");
				}
				NewsroomServer.send(exchange, 200, "application/rss+xml", gzip ? zipped.toByteArray() : FEED);
			});

		Fetcher.Fetched fetched = this.fetcher.fetch("site", web.url("/old/feed"), null, null, 1_000_000);

		assertThat(fetched.body()).isEqualTo(FEED);
		assertThat(fetched.address()).isEqualTo(web.url("/feed.xml"));
	}

	@Test
	void aRedirectToAnAddressWithASpaceOrAccentsIsFollowedAsABrowserFollowsIt() {
		web.handle("/moved", (exchange) -> redirect(exchange, 302, "/feeds/my caf\u00c3\u00a9 feed.xml"))
			.serve("/feeds/my café feed.xml", "application/rss+xml", FEED);

		Fetcher.Fetched fetched = this.fetcher.fetch("site", web.url("/moved"), null, null, 1_000_000);

		assertThat(fetched.body()).isEqualTo(FEED);
		assertThat(fetched.address()).isEqualTo(web.url("/feeds/my%20caf%C3%A9%20feed.xml"));
	}

	@Test
	void aPlainBodyLabelledGzipIsReadAsItIs() {
		web.handle("/mislabelled.xml", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Encoding", "gzip");
			NewsroomServer.send(exchange, 200, "application/rss+xml", FEED);
		});

		assertThat(this.fetcher.fetch("site", web.url("/mislabelled.xml"), null, null, 1_000_000).body())
			.isEqualTo(FEED);
	}

	@Test
	void aServerThatAsksToWaitIsToldApartFromOneThatFails() {
		web.handle("/busy.xml", (exchange) -> {
			exchange.getResponseHeaders().add("Retry-After", "120");
			NewsroomServer.send(exchange, 429, "text/html", "<h1>Too Many Requests</h1>".getBytes());
		});

		assertThatExceptionOfType(AskedToWaitException.class)
			.isThrownBy(() -> this.fetcher.fetch("site", web.url("/busy.xml"), null, null, 1_000_000))
			.withMessageStartingWith("the server answered HTTP 429 and asks to wait (Retry-After: 120); it is not asked"
					+ " again before ")
			.satisfies((ex) -> assertThat(ex.until()).isBetween(java.time.Instant.now().plusSeconds(110),
					java.time.Instant.now().plusSeconds(121)));
	}

	@Test
	void aFeedThatMovedIsAskedWithItsValidatorsAtItsNewAddressAndAnswersNotModified() {
		web.handle("/old-home/rss", (exchange) -> redirect(exchange, 301, "/new-home/rss"))
			.serve("/new-home/rss", "application/rss+xml", FEED, "\"moved-v1\"");

		Fetcher.Fetched first = this.fetcher.fetch("site", web.url("/old-home/rss"), null, null, 1_000_000);
		Fetcher.Fetched again = this.fetcher.fetch("site", web.url("/old-home/rss"), first.etag(), first.lastModified(),
				1_000_000);

		assertThat(first.etag()).isEqualTo("\"moved-v1\"");
		assertThat(again.unchanged()).as("not modified").isTrue();
	}

	private static void redirect(com.sun.net.httpserver.HttpExchange exchange, int status, String to)
			throws IOException {
		exchange.getResponseHeaders().add("Location", to);
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	/**
	 * A server that answers one request with a head and the first bytes of a body, then
	 * drops the connection, as a crashing server or a dropped proxy does.
	 */
	private static final class CuttingServer implements AutoCloseable {

		private final ServerSocket socket;

		CuttingServer(String head, byte[] body, int sent) throws IOException {
			this.socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
			Thread thread = new Thread(() -> {
				try (Socket client = this.socket.accept()) {
					BufferedReader request = new BufferedReader(
							new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
					String line;
					while ((line = request.readLine()) != null && !line.isEmpty()) {
						// the request's head, unread
					}
					OutputStream out = client.getOutputStream();
					out.write(head.getBytes(StandardCharsets.ISO_8859_1));
					out.write(body, 0, sent);
					out.flush();
				}
				catch (IOException ex) {
					// the test has ended
				}
			}, "cutting-server");
			thread.setDaemon(true);
			thread.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.socket.getLocalPort() + "/feed.xml";
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
