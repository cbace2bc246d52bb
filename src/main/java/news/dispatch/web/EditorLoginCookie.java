package news.dispatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * An editor's login kept in a signed cookie ({@link SignedCookies}) instead of a session:
 * the editor's name and when the login ends, so any instance sharing
 * {@code dispatch.secret} knows the editor, and one behind a load balancer needs no
 * sticky sessions. Written when the editor logs in, deleted at logout; a login older than
 * {@code dispatch.editors.login.session}, or of an editor no longer configured, counts
 * for nothing.
 */
final class EditorLoginCookie implements SecurityContextRepository {

	static final String COOKIE = "DISPATCH-EDITOR";

	private final SignedCookies cookies;

	private final Set<String> editors;

	private final Duration lasts;

	EditorLoginCookie(SignedCookies cookies, Set<String> editors, Duration lasts) {
		this.cookies = cookies;
		this.editors = editors;
		this.lasts = lasts;
	}

	@Override
	@Deprecated
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return load(holder.getRequest());
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		return new DeferredSecurityContext() {

			@Override
			public SecurityContext get() {
				return load(request);
			}

			@Override
			public boolean isGenerated() {
				return !containsContext(request);
			}

		};
	}

	private SecurityContext load(HttpServletRequest request) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		this.cookies.read(request, COOKIE).ifPresent((payload) -> {
			int bar = payload.lastIndexOf('|');
			if (bar < 1) {
				return;
			}
			String name = payload.substring(0, bar);
			long until;
			try {
				until = Long.parseLong(payload.substring(bar + 1));
			}
			catch (NumberFormatException ex) {
				return;
			}
			if (Instant.now().getEpochSecond() < until && this.editors.contains(name)) {
				context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
						AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
			}
		});
		return context;
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		Authentication login = context.getAuthentication();
		if (login == null || !login.isAuthenticated()) {
			if (containsContext(request)) {
				this.cookies.delete(response, request, COOKIE);
			}
			return;
		}
		long until = Instant.now().plus(this.lasts).getEpochSecond();
		this.cookies.write(response, request, COOKIE, login.getName() + "|" + until, this.lasts.toSeconds());
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return this.cookies.read(request, COOKIE).isPresent();
	}

}
