package news.dispatch.ingest;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

/**
 * Downloads one document from an {@code http(s)://} or {@code file:} address, within
 * limits: a connect and a read timeout, a deadline for the whole download, a size limit
 * checked before and while reading (never more than the limit is held), and a number of
 * redirects. Sends the validators of the last fetch so an unchanged document costs a
 * {@code 304}. Every way a server can fail is an {@link UnusableInputException} saying
 * what happened.
 */
final class Fetcher {

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Duration fetchTimeout;

	private final int maxRedirects;

	private final String userAgent;

	private final @Nullable String from;

	private final HostGates hosts;

	Fetcher(IngestSettings settings, HostGates hosts) {
		this(settings.connectTimeout(), settings.readTimeout(), settings.fetchTimeout(), settings.maxRedirects(),
				settings.userAgentWithContact(), settings.contact(), hosts);
	}

	Fetcher(Duration connectTimeout, Duration readTimeout, Duration fetchTimeout, int maxRedirects, String userAgent) {
		this(connectTimeout, readTimeout, fetchTimeout, maxRedirects, userAgent, "", HostGates.NONE);
	}

	Fetcher(Duration connectTimeout, Duration readTimeout, Duration fetchTimeout, int maxRedirects, String userAgent,
			String contact, HostGates hosts) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.fetchTimeout = fetchTimeout;
		this.maxRedirects = maxRedirects;
		this.userAgent = userAgent;
		// RFC 9110's From: the mailbox of whoever answers for the client's requests
		this.from = (contact.contains("@") && !contact.contains("://")) ? contact.strip() : null;
		this.hosts = hosts;
	}

	/**
	 * A downloaded document, or the server's word that it has not changed.
	 *
	 * @param address where it was finally read from, after redirects
	 * @param unchanged the server answered {@code 304 Not Modified}: there is no body
	 * @param freshUntil until when the server says the document stays as it is
	 * ({@code Cache-Control: max-age}, {@code Expires}); null when it does not say
	 */
	record Fetched(byte[] body, @Nullable String contentType, String address, @Nullable String etag,
			@Nullable String lastModified, boolean unchanged, @Nullable Instant freshUntil) {

		Fetched(byte[] body, @Nullable String contentType, String address, @Nullable String etag,
				@Nullable String lastModified) {
			this(body, contentType, address, etag, lastModified, false, null);
		}

	}

	/**
	 * The document, or {@link Fetched#unchanged()} when the server says it has not
	 * changed since the given validators.
	 * @throws AskedToWaitException when the server answers 429 or 503 with a Retry-After
	 * @throws UnusableInputException every other way the download fails
	 */
	Fetched fetch(String source, String address, @Nullable String etag, @Nullable String lastModified, long maxBytes) {
		URI uri = uri(source, address);
		if ("file".equals(uri.getScheme())) {
			return file(source, address, Path.of(uri), maxBytes);
		}
		Set<String> visited = new LinkedHashSet<>();
		long deadline = System.nanoTime() + this.fetchTimeout.toNanos();
		String current = address;
		while (true) {
			if (!visited.add(current)) {
				throw refuse(source, address, "redirects in a loop (" + String.join(" → ", visited) + " → " + current
						+ "); fix the address or the server");
			}
			if (visited.size() > this.maxRedirects + 1) {
				throw refuse(source, address, "redirects more than " + this.maxRedirects
						+ " times; give the final address or raise dispatch.ingest.max-redirects");
			}
			HttpURLConnection connection = open(source, address, current, etag, lastModified);
			try (HostGates.Pass pass = enter(source, address, connection)) {
				int status = connection.getResponseCode();
				Instant now = Instant.now();
				CachingHints hints = new CachingHints(connection.getHeaderFields());
				if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
					return new Fetched(new byte[0], null, current, etag, lastModified, true, hints.freshUntil(now));
				}
				if (status >= 300 && status < 400 && connection.getHeaderField("Location") != null) {
					current = redirected(source, address, current, connection.getHeaderField("Location"));
					continue;
				}
				Instant retryAfter = hints.retryAfter(now);
				if ((status == 429 || status == HttpURLConnection.HTTP_UNAVAILABLE) && retryAfter != null) {
					throw new AskedToWaitException(source, address,
							"the server answered HTTP " + status + " and asks to wait (Retry-After: "
									+ connection.getHeaderField("Retry-After") + "); it is not asked again before "
									+ retryAfter.truncatedTo(ChronoUnit.SECONDS),
							retryAfter);
				}
				if (status != HttpURLConnection.HTTP_OK) {
					throw refuse(source, address, "the server answered HTTP " + status
							+ ((connection.getResponseMessage() != null) ? " " + connection.getResponseMessage() : "")
							+ " for " + current + "; check the address, or try again later if the server is down");
				}
				long length = connection.getContentLengthLong();
				if (length > maxBytes) {
					throw tooLarge(source, address, length, maxBytes);
				}
				CountingInputStream received = new CountingInputStream(connection.getInputStream());
				InputStream in = received;
				if ("gzip".equalsIgnoreCase(connection.getContentEncoding())) {
					in = gunzipped(in);
				}
				byte[] body = read(source, address, in, maxBytes, deadline);
				if (length >= 0 && received.count() < length) {
					// HttpURLConnection ends the stream quietly when a server closes
					// early
					throw cutShort(source, address, received.count() + " of the " + length + " bytes it announced");
				}
				return new Fetched(body, connection.getContentType(), current, connection.getHeaderField("ETag"),
						connection.getHeaderField("Last-Modified"), false, hints.freshUntil(now));
			}
			catch (IOException ex) {
				throw failed(source, address, ex);
			}
			finally {
				connection.disconnect();
			}
		}
	}

	private HostGates.Pass enter(String source, String address, HttpURLConnection connection) {
		try {
			return this.hosts.enter(connection.getURL().toURI());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw refuse(source, address, "the download was stopped before it began");
		}
		catch (URISyntaxException ex) {
			throw refuse(source, address, "the address is not a valid URL (" + ex.getReason() + "); fix it");
		}
	}

	private HttpURLConnection open(String source, String address, String current, @Nullable String etag,
			@Nullable String lastModified) {
		try {
			HttpURLConnection connection = (HttpURLConnection) uri(source, current).toURL().openConnection();
			connection.setInstanceFollowRedirects(false);
			connection.setConnectTimeout((int) this.connectTimeout.toMillis());
			connection.setReadTimeout((int) this.readTimeout.toMillis());
			connection.setRequestProperty("User-Agent", this.userAgent);
			if (this.from != null) {
				connection.setRequestProperty("From", this.from);
			}
			connection.setRequestProperty("Accept-Encoding", "gzip");
			connection.setRequestProperty("Accept",
					"application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9,"
							+ " text/xml;q=0.9, text/html;q=0.8, */*;q=0.5");
			// the validators came from the address a redirect led to, so every hop gets
			// them
			if (etag != null) {
				connection.setRequestProperty("If-None-Match", etag);
			}
			if (lastModified != null) {
				connection.setRequestProperty("If-Modified-Since", lastModified);
			}
			return connection;
		}
		catch (IOException | IllegalArgumentException ex) {
			throw refuse(source, address, "the address cannot be opened (" + ex.getMessage() + "); check it");
		}
	}

	private byte[] read(String source, String address, InputStream in, long maxBytes, long deadline)
			throws IOException {
		try (in) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[16384];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
				if (out.size() > maxBytes) {
					throw tooLarge(source, address, -1, maxBytes);
				}
				if (System.nanoTime() > deadline) {
					throw refuse(source, address, "the download took longer than " + this.fetchTimeout.toSeconds()
							+ "s; try again later or raise dispatch.ingest.fetch-timeout");
				}
			}
			return out.toByteArray();
		}
	}

	private static Fetched file(String source, String address, Path path, long maxBytes) {
		try {
			long size = Files.size(path);
			if (size > maxBytes) {
				throw tooLarge(source, address, size, maxBytes);
			}
			try (InputStream in = Files.newInputStream(path)) {
				return new Fetched(in.readNBytes((int) maxBytes + 1), null, address, null, null);
			}
		}
		catch (NoSuchFileException | FileNotFoundException ex) {
			throw refuse(source, address, "there is no file " + path + "; check the address");
		}
		catch (IOException ex) {
			throw refuse(source, address, "the file " + path + " cannot be read (" + ex.getMessage() + ")");
		}
	}

	private UnusableInputException failed(String source, String address, IOException ex) {
		if (ex instanceof EOFException || "Premature EOF".equals(ex.getMessage())) {
			return cutShort(source, address, "part of it");
		}
		if (ex instanceof SocketTimeoutException) {
			return refuse(source, address, "the server did not answer within " + this.readTimeout.toSeconds()
					+ "s; try again later or raise dispatch.ingest.read-timeout");
		}
		if (ex instanceof ConnectException) {
			return refuse(source, address,
					"the server cannot be reached (" + ex.getMessage() + "); check the address, or try again later");
		}
		if (ex instanceof UnknownHostException) {
			return refuse(source, address, "the host " + ex.getMessage() + " is unknown; check the address");
		}
		return refuse(source, address, "the download failed (" + ex + "); try again later");
	}

	/**
	 * The body, decompressed when it is gzip. Some servers label a plain body
	 * {@code Content-Encoding: gzip} (a cache or proxy compressed it once, or not); as
	 * browsers and feed readers do, such a body is read as it is.
	 */
	private static InputStream gunzipped(InputStream in) throws IOException {
		PushbackInputStream peek = new PushbackInputStream(in, 2);
		byte[] magic = peek.readNBytes(2);
		peek.unread(magic);
		boolean gzip = magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
		return gzip ? new GZIPInputStream(peek) : peek;
	}

	/**
	 * Where a redirect leads. Servers send spaces and UTF-8 in Location headers, which a
	 * browser percent-encodes and {@link URI} refuses; they are encoded the same way.
	 */
	private static String redirected(String source, String address, String current, String location) {
		URI base = uri(source, current);
		try {
			return base.resolve(location.strip()).toString();
		}
		catch (IllegalArgumentException ex) {
			StringBuilder encoded = new StringBuilder();
			// HttpURLConnection gives the header's bytes as ISO-8859-1 characters
			for (byte b : location.strip().getBytes(StandardCharsets.ISO_8859_1)) {
				int c = b & 0xFF;
				if (c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
					encoded.append('%').append(String.format("%02X", c));
				}
				else {
					encoded.append((char) c);
				}
			}
			try {
				return base.resolve(encoded.toString()).toString();
			}
			catch (IllegalArgumentException again) {
				throw refuse(source, address, "the server redirects to an address that is not a valid URL (" + location
						+ "); tell its publisher, or give the final address");
			}
		}
	}

	private static UnusableInputException cutShort(String source, String address, String received) {
		return refuse(source, address, "the server closed the connection before the end of the document (sent "
				+ received + "); nothing of it was read, try again later");
	}

	/**
	 * Counts the bytes that came over the wire, before any decompression.
	 */
	private static final class CountingInputStream extends FilterInputStream {

		private long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

		long count() {
			return this.count;
		}

	}

	static URI uri(String source, String address) {
		try {
			return new URI(address.strip());
		}
		catch (URISyntaxException ex) {
			throw refuse(source, address, "the address is not a valid URL (" + ex.getReason() + "); fix it");
		}
	}

	private static UnusableInputException tooLarge(String source, String address, long size, long maxBytes) {
		return refuse(source, address, ((size >= 0) ? "it has " + size + " bytes" : "it is larger than the limit")
				+ ", more than the limit of " + maxBytes
				+ " bytes; raise dispatch.ingest.max-feed-size (feeds) or max-file-size (pages)" + " if it is right");
	}

	private static UnusableInputException refuse(String source, String address, String reason) {
		return new UnusableInputException(source, address, reason);
	}

}
