package news.dispatch.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may do what on {@code dispatch serve}:
 * <ul>
 * <li>the subscriber pages are open, their forms protected against cross-site requests by
 * a CSRF token in a hidden field; the unsubscribe POST is exempt because mail providers
 * send it without cookies (RFC 8058), its signed token being the authority;</li>
 * <li>{@code /actuator/health} is open for load balancers; the rest of the actuator needs
 * the operator's login over HTTP basic, and is closed when no operator is
 * configured;</li>
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

	@Bean
	SecurityFilterChain pages(HttpSecurity http, OperatorSettings operator) throws Exception {
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
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/unsubscribe", "/actuator/**"));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager operators(OperatorSettings operator) {
		if (!operator.configured()) {
			return new InMemoryUserDetailsManager();
		}
		String password = operator.password().startsWith("{") ? operator.password() : "{noop}" + operator.password();
		UserDetails user = User.withUsername(operator.username()).password(password).roles("OPERATOR").build();
		return new InMemoryUserDetailsManager(user);
	}

}
