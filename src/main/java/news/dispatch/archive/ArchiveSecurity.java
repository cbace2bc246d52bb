package news.dispatch.archive;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The archive is public and read-only: GET (and HEAD) for everyone, any other method
 * refused; no login, no session, no cookie, so no CSRF token either (nothing on it
 * changes anything). Its pages carry the subscriber pages' Content-Security-Policy (no
 * script at all here, styles from the site only), except a message's web copy, whose
 * styles are inline as mail needs them. Caching is left to each answer
 * ({@link Freshness}), not forbidden as on the other pages.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ArchiveSecurity {

	static final String PAGES_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
			+ " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	static final String COPY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:;"
			+ " form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	@Order(-2)
	SecurityFilterChain archiveCopies(HttpSecurity http) throws Exception {
		http.securityMatcher("/archive/copies/**");
		return readOnly(http, COPY_POLICY);
	}

	@Bean
	@Order(-1)
	SecurityFilterChain archive(HttpSecurity http) throws Exception {
		http.securityMatcher("/archive", "/archive/**");
		return readOnly(http, PAGES_POLICY);
	}

	private static SecurityFilterChain readOnly(HttpSecurity http, String policy) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET)
			.permitAll()
			.requestMatchers(HttpMethod.HEAD)
			.permitAll()
			.anyRequest()
			.denyAll());
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache((cache) -> cache.disable());
		http.csrf((csrf) -> csrf.disable());
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(policy))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.frameOptions((frames) -> frames.deny())
			.cacheControl((cache) -> cache.disable()));
		return http.build();
	}

}
