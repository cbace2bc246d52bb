package news.dispatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal SMTP server for tests that takes its time: it accepts every message, after a
 * pause, and remembers each one's Message-ID. Slow enough to stop or kill a process in
 * the middle of sending.
 */
public final class SlowSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final long delayMillis;

	private final List<String> messageIds = new ArrayList<>();

	public SlowSmtpServer(long delayMillis) throws IOException {
		this.delayMillis = delayMillis;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "slow-smtp");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * The Message-IDs of the messages accepted so far, duplicates included.
	 */
	public synchronized List<String> messageIds() {
		return List.copyOf(this.messageIds);
	}

	public synchronized void forget() {
		this.messageIds.clear();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				Thread session = new Thread(() -> serve(client), "slow-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				OutputStream out = client.getOutputStream()) {
			reply(out, "220 slow-smtp ready");
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(Locale.ROOT);
				if (command.startsWith("DATA")) {
					reply(out, "354 go ahead");
					String messageId = null;
					String data = in.readLine();
					for (; data != null && !data.equals("."); data = in.readLine()) {
						if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
							messageId = data.substring(11).strip();
						}
					}
					if (data == null) {
						// the client went away in the middle of the message (killed): not
						// accepted
						return;
					}
					if (messageId == null) {
						messageId = "(no Message-ID)";
					}
					Thread.sleep(this.delayMillis);
					synchronized (this) {
						this.messageIds.add(messageId);
					}
					reply(out, "250 accepted " + messageId);
				}
				else if (command.startsWith("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					reply(out, "250 ok");
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client went away
		}
	}

	private static void reply(OutputStream out, String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
