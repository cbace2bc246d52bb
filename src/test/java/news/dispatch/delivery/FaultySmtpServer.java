package news.dispatch.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server for tests that misbehaves on request: for a chosen recipient it
 * answers RCPT or the end of DATA with a given reply, drops the connection in the middle
 * of DATA, or stalls without answering. Each fault is used once, in the order given; a
 * recipient without faults left is accepted. It can also refuse every MAIL command (as a
 * server that wants a login does). What it accepts is kept, with its Message-ID.
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

	}

	/**
	 * A message the server accepted.
	 */
	public record Received(String recipient, String messageId, String raw) {
	}

	private final ServerSocket socket;

	private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile String mailReply = "250 2.1.0 ok";

	public FaultySmtpServer() throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "faulty-smtp");
		acceptor.setDaemon(true);
		acceptor.start();
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

	public void reset() {
		this.faults.clear();
		this.received.clear();
		this.mailReply = "250 2.1.0 ok";
	}

	public List<Received> received() {
		return List.copyOf(this.received);
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
			BufferedReader in = new BufferedReader(
					new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
			OutputStream out = connection.getOutputStream();
			reply(out, "220 faulty ESMTP");
			String recipient = null;
			Fault fault = null;
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(Locale.ROOT);
				if (command.startsWith("EHLO")) {
					reply(out, "250-faulty\r\n250 SIZE 10000000");
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
					reply(out, this.mailReply);
				}
				else if (command.startsWith("RCPT")) {
					recipient = address(line);
					fault = nextFault(recipient);
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
						this.received.add(new Received(recipient, id.find() ? id.group(1) : "", message.toString()));
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

	private Fault nextFault(String recipient) {
		Deque<Fault> queue = this.faults.get(recipient);
		return (queue != null) ? queue.poll() : null;
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
