package news.dispatch.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

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
 * request unauthenticated (answered 401); tokens are compared in constant time.
 */
class BearerTokens extends OncePerRequestFilter {

	private final List<byte[]> tokens;

	BearerTokens(List<String> tokens) {
		this.tokens = tokens.stream().map((token) -> token.strip().getBytes(StandardCharsets.UTF_8)).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
			boolean known = false;
			for (byte[] token : this.tokens) {
				known |= MessageDigest.isEqual(token, given);
			}
			if (known) {
				var authentication = UsernamePasswordAuthenticationToken.authenticated("token", null,
						AuthorityUtils.createAuthorityList("ROLE_EDITOR"));
				SecurityContextHolder.getContext().setAuthentication(authentication);
			}
		}
		chain.doFilter(request, response);
	}

}
