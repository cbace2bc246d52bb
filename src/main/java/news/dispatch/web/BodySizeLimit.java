package news.dispatch.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose body is larger than {@code dispatch.web.max-body-size} with 413
 * (the error page says to shorten it) before anything reads it: a megabyte of keywords
 * costs nothing. Form bodies sent without a length are bounded by the server's own
 * form-size limit.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class BodySizeLimit {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> bodySizeFilter(WebSettings settings) {
		long limit = settings.maxBodySize().toBytes();
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (request.getContentLengthLong() > limit) {
					response.setHeader("Connection", "close");
					response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
							"The request is larger than " + settings.maxBodySize() + ".");
					return;
				}
				chain.doFilter(request, response);
			}

		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
