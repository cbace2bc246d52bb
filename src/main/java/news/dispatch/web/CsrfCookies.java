package news.dispatch.web;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * CSRF tokens without a session: a random token kept in a signed cookie
 * ({@link SignedCookies}) and sent again in each form's hidden field (masked anew on
 * every page), the double-submit pattern. Any instance sharing {@code dispatch.secret}
 * checks a form another instance served; a cookie a neighbouring site planted is not
 * signed and is ignored. The cookie lasts as long as the browser session.
 */
final class CsrfCookies implements CsrfTokenRepository {

	static final String COOKIE = "DISPATCH-CSRF";

	private static final SecureRandom RANDOM = new PerThreadRandom();

	private final SignedCookies cookies;

	CsrfCookies(SignedCookies cookies) {
		this.cookies = cookies;
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return token(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	@Override
	public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		if (token == null) {
			this.cookies.delete(response, request, COOKIE);
		}
		else {
			this.cookies.write(response, request, COOKIE, token.getToken(), -1);
		}
	}

	@Override
	public @Nullable CsrfToken loadToken(HttpServletRequest request) {
		return this.cookies.read(request, COOKIE).map(CsrfCookies::token).orElse(null);
	}

	private static CsrfToken token(String value) {
		return new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", value);
	}

}
