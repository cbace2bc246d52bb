package news.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The SMTP server of the tests that need more than GreenMail: it can take its time over
 * every message ({@link #latency(long)}), slow enough to stop or kill a process in the
 * middle of sending, or over every reply, as a relay far away does
 * ({@link #roundTrip(long)}), and it misbehaves on request: for a chosen recipient it
 * answers RCPT or the end of DATA with a given reply, drops the connection in the middle
 * of DATA, or stalls without answering. Each fault is used once, in the order given; a
 * recipient without faults left is accepted. It can also refuse every MAIL command (as a
 * server that wants a login does), demand a login (AUTH PLAIN or LOGIN) and offer
 * STARTTLS with a certificate of the test's own, taking a login only over TLS then, as
 * Postfix with {@code smtpd_tls_auth_only} does. What it accepts is kept, with its
 * Message-ID, whether it came over TLS and who had logged in.
 * <p>
 * A test class registers it as an extension in a static field,
 * {@code @RegisterExtension static final FaultySmtpServer server = FaultySmtpServer.start()},
 * with the {@link #latency} and {@link #roundTrip} all its tests share: before each test
 * the server is {@link #reset()} to them (no faults, nothing received, no login or TLS),
 * and after the class it is closed. One conversation is a {@link FaultySmtpSession}.
 */
public class FaultySmtpServer implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	/**
	 * What the server does to one message to a recipient.
	 */
	public sealed interface Fault {

		/** Answer RCPT with this reply, e.g. "450 4.2.1 mailbox busy". */
		record RcptReply(String reply) implements Fault {
		}

		/** Answer the end of DATA with this reply. */
		record DataReply(String reply) implements Fault {
		}

		/** Close the connection after reading part of the message. */
		record DropInData() implements Fault {
		}

		/** Read the whole message, wait this long, then accept it. */
		record Slow(long millis) implements Fault {
		}

		/** Read the whole message, then say nothing for this long. */
		record Stall(long millis) implements Fault {
		}

		/**
		 * Run this when the recipient is named (the moment the message is handed over),
		 * then accept the message.
		 */
		record Watch(Runnable action) implements Fault {
		}

	}

	/**
	 * A message the server accepted.
	 */
	public record Received(String recipient, String messageId, String raw, boolean tls, @Nullable String user) {
	}

	private final ServerSocket socket;

	private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile String mailReply = "250 2.1.0 ok";

	private volatile long latencyMillis;

	private volatile long roundTripMillis;

	/** The latency and round trip the test class set up, restored before each test. */
	private volatile long classLatencyMillis;

	private volatile long classRoundTripMillis;

	private volatile @Nullable String user;

	private volatile @Nullable String password;

	private volatile @Nullable SSLContext tls;

	public FaultySmtpServer() throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "faulty-smtp");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * A server on a free loopback port, for a static field of a test.
	 */
	public static FaultySmtpServer start() {
		try {
			return new FaultySmtpServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits this long after reading each message before accepting it.
	 */
	public FaultySmtpServer latency(long millis) {
		this.latencyMillis = millis;
		return this;
	}

	/**
	 * Waits this long before each reply (the greeting too), so that every exchange takes
	 * this much longer, as with a relay this far away.
	 */
	public FaultySmtpServer roundTrip(long millis) {
		this.roundTripMillis = millis;
		return this;
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	public FaultySmtpServer fail(String recipient, Fault... faults) {
		this.faults.computeIfAbsent(recipient.toLowerCase(Locale.ROOT), (r) -> new ArrayDeque<>())
			.addAll(List.of(faults));
		return this;
	}

	/**
	 * Answers every MAIL command with this reply, e.g. "530 5.7.0 Authentication
	 * required".
	 */
	public void refuseMail(String reply) {
		this.mailReply = reply;
	}

	/**
	 * Accepts mail only after a login with this user and password (null: no login
	 * needed).
	 */
	public void requireLogin(@Nullable String user, @Nullable String password) {
		this.user = user;
		this.password = password;
	}

	/**
	 * Offers STARTTLS with the certificate of this context (null: does not offer it).
	 */
	public void offerStartTls(@Nullable SSLContext context) {
		this.tls = context;
	}

	/**
	 * Forgets the faults and the messages, accepts mail without a login and without TLS,
	 * and takes the latency and round trip the test class set up (none outside one).
	 */
	public void reset() {
		this.faults.clear();
		this.received.clear();
		this.mailReply = "250 2.1.0 ok";
		this.user = null;
		this.password = null;
		this.tls = null;
		this.latencyMillis = this.classLatencyMillis;
		this.roundTripMillis = this.classRoundTripMillis;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.classLatencyMillis = this.latencyMillis;
		this.classRoundTripMillis = this.roundTripMillis;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		close();
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * The recipients of the messages accepted so far, each once.
	 */
	public List<String> recipients() {
		return this.received.stream().map(Received::recipient).distinct().toList();
	}

	/**
	 * The Message-IDs of the messages accepted so far, duplicates included.
	 */
	public List<String> messageIds() {
		return this.received.stream().map(Received::messageId).toList();
	}

	/**
	 * Forgets the messages accepted so far.
	 */
	public void forget() {
		this.received.clear();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				Thread session = new Thread(new FaultySmtpSession(this, connection), "faulty-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/**
	 * The next fault for this recipient, used up; null when none is left.
	 */
	@Nullable Fault nextFault(String recipient) {
		Deque<Fault> queue = this.faults.get(recipient);
		return (queue != null) ? queue.poll() : null;
	}

	void accepted(Received message) {
		this.received.add(message);
	}

	String mailReply() {
		return this.mailReply;
	}

	long latencyMillis() {
		return this.latencyMillis;
	}

	long roundTripMillis() {
		return this.roundTripMillis;
	}

	@Nullable String user() {
		return this.user;
	}

	@Nullable String password() {
		return this.password;
	}

	@Nullable SSLContext tls() {
		return this.tls;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
