package news.dispatch.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may send alerts under {@code dispatch serve}: editors who log in by name and
 * password (the editor page, or the API over HTTP basic), and bearer tokens for scripts
 * calling the API. With neither configured, the editor page and the API refuse everyone.
 *
 * @param users name to password, encoded with its id ({@code {bcrypt}$2a$…} or
 * {@code {argon2}…}); a password in plain text is refused
 * @param tokens secrets sent as {@code Authorization: Bearer TOKEN}, each
 * {@code NAME:SECRET} (the name is what alerts and the audit log record; without one a
 * token is {@code token-N}, N its place in the list); the secret at least 16 characters
 * @param login how failed logins are slowed down and locked
 */
@ConfigurationProperties("dispatch.editors")
record EditorSettings(@DefaultValue Map<String, String> users, @DefaultValue List<String> tokens,
		@DefaultValue Login login) {

	/**
	 * Failed logins (the editor page and the API's HTTP basic).
	 *
	 * @param failuresPerAccount wrong passwords for one editor in a window after which
	 * the editor's login is locked until the window ends
	 * @param failuresPerClient wrong passwords from one client address in a window after
	 * which that client's logins are locked until the window ends
	 * @param lock the window
	 * @param delay how long each wrong password waits before its answer
	 * @param session how long a login on the editor page lasts
	 */
	record Login(@DefaultValue("5") int failuresPerAccount, @DefaultValue("20") int failuresPerClient,
			@DefaultValue("15m") Duration lock, @DefaultValue("1s") Duration delay,
			@DefaultValue("8h") Duration session) {

		Login {
			if (failuresPerAccount < 1 || failuresPerClient < 1 || lock.isNegative() || lock.isZero()
					|| delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0 || session.toMinutes() < 1) {
				throw new IllegalArgumentException("dispatch.editors.login: failures-per-account and"
						+ " failures-per-client must be 1 or more, lock a positive duration (15m), delay 0s to 10s,"
						+ " session a minute or more (8h).");
			}
		}

	}

	EditorSettings {
		namedTokens(tokens);
	}

	boolean configured() {
		return !this.users.isEmpty() || !this.tokens.isEmpty();
	}

	/**
	 * Each token's secret and its name.
	 */
	Map<String, String> namedTokens() {
		return namedTokens(this.tokens);
	}

	private static Map<String, String> namedTokens(List<String> tokens) {
		Map<String, String> named = new LinkedHashMap<>();
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i).strip();
			int colon = token.indexOf(':');
			String name = (colon > 0) ? token.substring(0, colon).strip() : "token-" + (i + 1);
			String secret = (colon > 0) ? token.substring(colon + 1).strip() : token;
			if (secret.length() < 16) {
				throw new IllegalArgumentException("A token in dispatch.editors.tokens is shorter than 16 characters;"
						+ " use a long random one (NAME:" + "$(openssl rand -hex 24)).");
			}
			named.put(secret, name);
		}
		return named;
	}

}
