package news.dispatch;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import news.dispatch.FaultySmtpServer.Fault;
import news.dispatch.FaultySmtpServer.Received;
import org.jspecify.annotations.Nullable;

/**
 * One connection to the {@link FaultySmtpServer}: the SMTP conversation, answered as the
 * server's settings and the recipients' faults say at each command.
 */
final class FaultySmtpSession implements Runnable {

	private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

	private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

	private final FaultySmtpServer server;

	private final Socket connection;

	FaultySmtpSession(FaultySmtpServer server, Socket connection) {
		this.server = server;
		this.connection = connection;
	}

	@Override
	public void run() {
		try (Socket connection = this.connection) {
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
				SSLContext tls = this.server.tls();
				String user = this.server.user();
				if (command.startsWith("EHLO")) {
					StringBuilder ehlo = new StringBuilder("250-faulty\r\n");
					if (tls != null && !secure) {
						ehlo.append("250-STARTTLS\r\n");
					}
					if (user != null && (tls == null || secure)) {
						ehlo.append("250-AUTH PLAIN LOGIN\r\n");
					}
					reply(out, ehlo.append("250 SIZE 10000000").toString());
				}
				else if (command.startsWith("STARTTLS") && tls != null && !secure) {
					reply(out, "220 2.0.0 ready to start TLS");
					SSLSocket upgraded = (SSLSocket) tls.getSocketFactory()
						.createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
					upgraded.setUseClientMode(false);
					upgraded.startHandshake();
					socket = upgraded;
					in = reader(socket);
					out = delayed(socket.getOutputStream());
					loggedIn = null;
				}
				else if (command.startsWith("AUTH")) {
					if (user == null || (tls != null && !secure)) {
						reply(out, "538 5.7.11 Encryption required for requested authentication mechanism");
						continue;
					}
					String[] credentials = credentials(line, in, out);
					if (credentials != null && credentials[0].equals(user)
							&& credentials[1].equals(this.server.password())) {
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
					reply(out, (user != null && loggedIn == null) ? "530 5.7.0 Authentication required"
							: this.server.mailReply());
				}
				else if (command.startsWith("RCPT")) {
					recipient = address(line);
					fault = this.server.nextFault(recipient);
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
					if (this.server.latencyMillis() > 0) {
						Thread.sleep(this.server.latencyMillis());
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
						this.server.accepted(new Received(recipient, id.find() ? id.group(1) : "", message.toString(),
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
				long wait = FaultySmtpSession.this.server.roundTripMillis();
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

}
