package news.dispatch.web;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may send alerts under {@code dispatch serve}: editors who log in by name and
 * password (the editor page, or the API over HTTP basic), and bearer tokens for scripts
 * calling the API. With neither configured, the editor page and the API refuse everyone.
 *
 * @param users name to password, as is or encoded with its id ({@code {bcrypt}$2a$…})
 * @param tokens secrets sent as {@code Authorization: Bearer TOKEN}; at least 16
 * characters each
 */
@ConfigurationProperties("dispatch.editors")
record EditorSettings(@DefaultValue Map<String, String> users, @DefaultValue List<String> tokens) {

	EditorSettings {
		for (String token : tokens) {
			if (token.strip().length() < 16) {
				throw new IllegalArgumentException("A token in dispatch.editors.tokens is shorter than 16 characters;"
						+ " use a long random one (openssl rand -hex 24).");
			}
		}
	}

	boolean configured() {
		return !this.users.isEmpty() || !this.tokens.isEmpty();
	}

}
