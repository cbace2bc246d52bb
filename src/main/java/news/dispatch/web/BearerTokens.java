package news.dispatch.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry one of the configured editor tokens as
 * {@code Authorization: Bearer TOKEN}, with the editor role. A wrong token leaves the
 * request unauthenticated (answered 401); tokens are compared in constant time. The
 * caller is {@code token:NAME}, the token's name, as alerts and the audit log record it.
 */
class BearerTokens extends OncePerRequestFilter {

	private final Map<byte[], String> tokens = new LinkedHashMap<>();

	/**
	 * @param tokens each secret and its name
	 */
	BearerTokens(Map<String, String> tokens) {
		tokens.forEach((secret, name) -> this.tokens.put(secret.getBytes(StandardCharsets.UTF_8), name));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
			String known = null;
			for (Map.Entry<byte[], String> token : this.tokens.entrySet()) {
				if (MessageDigest.isEqual(token.getKey(), given)) {
					known = token.getValue();
				}
			}
			if (known != null) {
				var authentication = UsernamePasswordAuthenticationToken.authenticated("token:" + known, null,
						AuthorityUtils.createAuthorityList("ROLE_EDITOR"));
				SecurityContextHolder.getContext().setAuthentication(authentication);
			}
		}
		chain.doFilter(request, response);
	}

}
