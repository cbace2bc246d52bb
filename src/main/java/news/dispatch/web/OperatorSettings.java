package news.dispatch.web;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's login for the operator part of {@code dispatch serve} (the actuator
 * endpoints other than health). With no user or no password configured, nobody gets in.
 *
 * @param password as given, or encoded with its id ({@code {bcrypt}$2a$…})
 */
@ConfigurationProperties("dispatch.operator")
record OperatorSettings(@Nullable String username, @Nullable String password) {

	boolean configured() {
		return this.username != null && !this.username.isBlank() && this.password != null && !this.password.isBlank();
	}

}
