package news.dispatch;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

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
 */
public class FaultySmtpServer implements AutoCloseable {

	private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

	private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

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

	public void reset() {
		this.faults.clear();
		this.received.clear();
		this.mailReply = "250 2.1.0 ok";
		this.user = null;
		this.password = null;
		this.tls = null;
		this.latencyMillis = 0;
		this.roundTripMillis = 0;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
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
				Thread session = new Thread(() -> converse(connection), "faulty-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void converse(Socket connection) {
		try (connection) {
			Socket socket = connection;
			BufferedReader in = reader(socket);
			OutputStream out = delayed(socket.getOutputStream());
			reply(out, "220 faulty ESMTP");
			String recipient = null;
			Fault fault = null;
			String loggedIn = null;
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(Locale.ROOT);
				boolean secure = socket instanceof SSLSocket;
				if (command.startsWith("EHLO")) {
					StringBuilder ehlo = new StringBuilder("250-faulty\r\n");
					if (this.tls != null && !secure) {
						ehlo.append("250-STARTTLS\r\n");
					}
					if (this.user != null && (this.tls == null || secure)) {
						ehlo.append("250-AUTH PLAIN LOGIN\r\n");
					}
					reply(out, ehlo.append("250 SIZE 10000000").toString());
				}
				else if (command.startsWith("STARTTLS") && this.tls != null && !secure) {
					reply(out, "220 2.0.0 ready to start TLS");
					SSLSocket upgraded = (SSLSocket) this.tls.getSocketFactory()
						.createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
					upgraded.setUseClientMode(false);
					upgraded.startHandshake();
					socket = upgraded;
					in = reader(socket);
					out = delayed(socket.getOutputStream());
					loggedIn = null;
				}
				else if (command.startsWith("AUTH")) {
					if (this.user == null || (this.tls != null && !secure)) {
						reply(out, "538 5.7.11 Encryption required for requested authentication mechanism");
						continue;
					}
					String[] credentials = credentials(line, in, out);
					if (credentials != null && credentials[0].equals(this.user)
							&& credentials[1].equals(this.password)) {
						loggedIn = credentials[0];
						reply(out, "235 2.7.0 Authentication successful");
					}
					else {
						reply(out, "535 5.7.8 Authentication credentials invalid");
					}
				}
				else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
					reply(out, "250 ok");
				}
				else if (command.startsWith("RSET")) {
					recipient = null;
					fault = null;
					reply(out, "250 ok");
				}
				else if (command.startsWith("MAIL")) {
					reply(out, (this.user != null && loggedIn == null) ? "530 5.7.0 Authentication required"
							: this.mailReply);
				}
				else if (command.startsWith("RCPT")) {
					recipient = address(line);
					fault = nextFault(recipient);
					if (fault instanceof Fault.Watch watch) {
						watch.action().run();
					}
					if (fault instanceof Fault.RcptReply refusal) {
						reply(out, refusal.reply());
						recipient = null;
						fault = null;
					}
					else {
						reply(out, "250 2.1.5 ok");
					}
				}
				else if (command.startsWith("DATA")) {
					if (recipient == null) {
						reply(out, "503 5.5.1 no valid recipients");
						continue;
					}
					reply(out, "354 go ahead");
					StringBuilder message = new StringBuilder();
					int lines = 0;
					while ((line = in.readLine()) != null && !line.equals(".")) {
						message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
						if (fault instanceof Fault.DropInData && ++lines == 5) {
							return;
						}
					}
					if (line == null) {
						// the client went away in the middle of the message (killed): not
						// accepted
						return;
					}
					if (this.latencyMillis > 0) {
						Thread.sleep(this.latencyMillis);
					}
					if (fault instanceof Fault.Slow slow) {
						Thread.sleep(slow.millis());
					}
					if (fault instanceof Fault.Stall stall) {
						Thread.sleep(stall.millis());
						return;
					}
					if (fault instanceof Fault.DataReply refusal) {
						reply(out, refusal.reply());
					}
					else {
						Matcher id = MESSAGE_ID.matcher(message);
						this.received.add(new Received(recipient, id.find() ? id.group(1) : "", message.toString(),
								socket instanceof SSLSocket, loggedIn));
						reply(out, "250 2.0.0 queued");
					}
					recipient = null;
					fault = null;
				}
				else if (command.startsWith("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					reply(out, "502 5.5.2 not implemented");
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client went away: nothing to do
		}
	}

	/**
	 * The stream replies go out on: each reply is flushed once, after the round trip's
	 * wait.
	 */
	private OutputStream delayed(OutputStream out) {
		return new FilterOutputStream(new BufferedOutputStream(out)) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
			}

			@Override
			public void flush() throws IOException {
				long wait = FaultySmtpServer.this.roundTripMillis;
				if (wait > 0) {
					try {
						Thread.sleep(wait);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IOException("interrupted", ex);
					}
				}
				this.out.flush();
			}

		};
	}

	private Fault nextFault(String recipient) {
		Deque<Fault> queue = this.faults.get(recipient);
		return (queue != null) ? queue.poll() : null;
	}

	private static BufferedReader reader(Socket socket) throws IOException {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
	}

	/**
	 * User and password of an AUTH PLAIN (with or without an initial response) or AUTH
	 * LOGIN exchange; null when the client gave up.
	 */
	private static String @Nullable [] credentials(String line, BufferedReader in, OutputStream out)
			throws IOException {
		String[] words = line.trim().split("\\s+");
		String mechanism = (words.length > 1) ? words[1].toUpperCase(Locale.ROOT) : "";
		if (mechanism.equals("PLAIN")) {
			String response = (words.length > 2) ? words[2] : challenge(out, in, "");
			String[] parts = decode(response).split("\u0000", -1);
			return (parts.length == 3) ? new String[] { parts[1], parts[2] } : null;
		}
		if (mechanism.equals("LOGIN")) {
			String user = decode((words.length > 2) ? words[2] : challenge(out, in, "VXNlcm5hbWU6"));
			String password = decode(challenge(out, in, "UGFzc3dvcmQ6"));
			return new String[] { user, password };
		}
		return null;
	}

	private static String challenge(OutputStream out, BufferedReader in, String challenge) throws IOException {
		reply(out, "334 " + challenge);
		String answer = in.readLine();
		return (answer != null) ? answer.trim() : "";
	}

	private static String decode(String base64) {
		try {
			return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private static String address(String line) {
		Matcher matcher = ADDRESS.matcher(line);
		return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "";
	}

	private static void reply(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
