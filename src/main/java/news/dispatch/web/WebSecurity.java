package news.dispatch.web;

import news.dispatch.audit.AuditLog;
import news.dispatch.system.RateCounters;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may do what on {@code dispatch serve}:
 * <ul>
 * <li>no page keeps a session, so any instance behind a load balancer answers any
 * request: CSRF tokens are double-submitted (a hidden field and a signed cookie,
 * {@link CsrfCookies}) and an editor's login is a signed cookie
 * ({@link EditorLoginCookie});</li>
 * <li>the subscriber pages are open, their forms protected against cross-site requests by
 * a CSRF token in a hidden field; the unsubscribe POST is exempt because mail providers
 * send it without cookies (RFC 8058), its signed token being the authority;</li>
 * <li>{@code /actuator/health} is open for load balancers; the rest of the actuator needs
 * the operator's login over HTTP basic, and is closed when no operator is
 * configured;</li>
 * <li>{@code /api/webhooks/**} (relays' bounce and complaint events) are authenticated by
 * each provider's own scheme in {@link WebhookController};</li>
 * <li>{@code /api/**} (the alert API) needs the editor role: an editor's name and
 * password over HTTP basic, or a bearer token ({@code dispatch.editors.*}); it keeps no
 * session and is exempt from CSRF, since a cross-site form can carry neither; with no
 * editor configured it refuses everyone;</li>
 * <li>{@code /editor/**} (the editor page) needs an editor's login through its own form,
 * and every form on it carries a CSRF token;</li>
 * <li>every answer carries a Content-Security-Policy without inline script, nosniff, no
 * framing, and no Referer, so tokens in page addresses do not leak.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class WebSecurity {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	/**
	 * Relays' webhooks: each call is authenticated by its provider's own scheme in
	 * {@link WebhookController} (HTTP basic or a signature over the body), not by a login
	 * of Dispatch's; no session, no CSRF (a cross-site form can carry neither).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/webhooks/**");
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		headers(http);
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, EditorSettings editors, InMemoryUserDetailsManager users,
			RateCounters counters, AuditLog audit) throws Exception {
		http.securityMatcher("/api/**");
		http.authorizeHttpRequests((requests) -> {
			if (editors.configured()) {
				requests.anyRequest().hasRole("EDITOR");
			}
			else {
				requests.anyRequest().denyAll();
			}
		});
		http.authenticationManager(
				new ProviderManager(new ThrottledLogins(passwords(users), counters, audit, editors.login(), false)));
		http.httpBasic(Customizer.withDefaults());
		http.addFilterBefore(new BearerTokens(editors.namedTokens()), BasicAuthenticationFilter.class);
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		http.exceptionHandling(
				(errors) -> errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
		headers(http);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain editorPages(HttpSecurity http, EditorSettings editors, RateCounters counters, AuditLog audit,
			SignedCookies cookies) throws Exception {
		http.securityMatcher("/editor", "/editor/**");
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers("/editor/login").permitAll();
			if (editors.users().isEmpty()) {
				requests.anyRequest().denyAll();
			}
			else {
				requests.anyRequest().hasRole("EDITOR");
			}
		});
		// only editors log in here: the operator's login is for the actuator
		http.authenticationManager(new ProviderManager(
				new ThrottledLogins(passwords(editorsOnly(editors)), counters, audit, editors.login(), true)));
		http.formLogin(
				(login) -> login.loginPage("/editor/login")
					.defaultSuccessUrl("/editor", true)
					.failureHandler((request, response, refused) -> response.sendRedirect(request.getContextPath()
							+ ((refused instanceof LockedException) ? "/editor/login?locked" : "/editor/login?error")))
					.permitAll());
		http.logout((logout) -> logout.logoutUrl("/editor/logout")
			.logoutSuccessUrl("/editor/login?out")
			.deleteCookies(EditorLoginCookie.COOKIE));
		// no session: the login in a signed cookie, the CSRF token too, so that any
		// instance answers any request
		http.securityContext((context) -> context.securityContextRepository(
				new EditorLoginCookie(cookies, editors.users().keySet(), editors.login().session())));
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		http.csrf((csrf) -> csrf.csrfTokenRepository(new CsrfCookies(cookies)).csrfTokenRequestHandler(maskedTokens()));
		headers(http);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain pages(HttpSecurity http, OperatorSettings operator, SignedCookies cookies) throws Exception {
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
			if (operator.configured()) {
				requests.requestMatchers("/actuator", "/actuator/**").hasRole("OPERATOR");
			}
			else {
				requests.requestMatchers("/actuator", "/actuator/**").denyAll();
			}
			requests.anyRequest().permitAll();
		});
		http.httpBasic(Customizer.withDefaults());
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/unsubscribe", "/actuator/**")
			.csrfTokenRepository(new CsrfCookies(cookies))
			.csrfTokenRequestHandler(maskedTokens()));
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		http.exceptionHandling((errors) -> errors.accessDeniedHandler(new FormsAgain()));
		headers(http);
		return http.build();
	}

	/**
	 * Spring Security's own handling of the token in a form (masked anew on each page, so
	 * that it cannot be read off a compressed page), with random bytes from each thread's
	 * own generator.
	 */
	private static XorCsrfTokenRequestAttributeHandler maskedTokens() {
		XorCsrfTokenRequestAttributeHandler handler = new XorCsrfTokenRequestAttributeHandler();
		handler.setSecureRandom(new PerThreadRandom());
		return handler;
	}

	private static void headers(HttpSecurity http) throws Exception {
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.frameOptions((frames) -> frames.deny()));
	}

	/**
	 * The operator and the editors: one store, so HTTP basic finds either.
	 */
	@Bean
	InMemoryUserDetailsManager operators(OperatorSettings operator, EditorSettings editors) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		if (operator.configured()) {
			users.createUser(User.withUsername(operator.username())
				.password(encoded("dispatch.operator.password", operator.password()))
				.roles("OPERATOR")
				.build());
		}
		editors.users().forEach((name, password) -> {
			if (name.equals(operator.username())) {
				throw new IllegalArgumentException("dispatch.editors.users." + name
						+ " has the operator's name; give the editor a name of their own.");
			}
			if (password == null || password.isBlank()) {
				throw new IllegalArgumentException(
						"dispatch.editors.users." + name + " has no password; set one, or remove the editor.");
			}
			users.createUser(User.withUsername(name)
				.password(encoded("dispatch.editors.users." + name, password))
				.roles("EDITOR")
				.build());
		});
		return users;
	}

	private static DaoAuthenticationProvider passwords(InMemoryUserDetailsManager users) {
		return new DaoAuthenticationProvider(users);
	}

	private static InMemoryUserDetailsManager editorsOnly(EditorSettings editors) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		editors.users()
			.forEach((name,
					password) -> users.createUser(User.withUsername(name)
						.password(encoded("dispatch.editors.users." + name, password))
						.roles("EDITOR")
						.build()));
		return users;
	}

	/**
	 * A password as the settings must give it: encoded by a slow hash ({@code {bcrypt}…},
	 * {@code {argon2}…}, {@code {scrypt}…}, {@code {pbkdf2}…}), never in plain text.
	 */
	static String encoded(String setting, String password) {
		String id = password.startsWith("{") && password.indexOf('}') > 0 ? password.substring(1, password.indexOf('}'))
				: "";
		if (!SLOW_HASHES.contains(id)) {
			throw new IllegalArgumentException(setting + " is not an encoded password; give its bcrypt hash,"
					+ " {bcrypt}$2a$…, made with: htpasswd -bnBC 12 \"\" 'PASSWORD' | tr -d ':\\n'");
		}
		if (id.equals("bcrypt") && !password.substring(8).matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
			throw new IllegalArgumentException(setting + " is not a well-formed {bcrypt} hash; encode the"
					+ " password again (htpasswd -bnBC 12 \"\" 'PASSWORD' gives one).");
		}
		return password;
	}

	private static final java.util.Set<String> SLOW_HASHES = java.util.Set.of("bcrypt", "argon2",
			"argon2@SpringSecurity_v5_8", "scrypt", "scrypt@SpringSecurity_v5_8", "pbkdf2",
			"pbkdf2@SpringSecurity_v5_8");

}
