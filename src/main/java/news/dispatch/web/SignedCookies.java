package news.dispatch.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import news.dispatch.subscriber.SubscriberLinks;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Cookies whose value is signed with the server's secret ({@code dispatch.secret}), so
 * that any instance sharing the secret can trust what another wrote and nobody else can
 * make one: what lets the pages keep no session. Each value is a payload and its
 * HMAC-SHA256 over the cookie's purpose and the payload; http-only, SameSite=Lax, secure
 * when the request came over https.
 */
@Component
class SignedCookies {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SubscriberLinks links;

	SignedCookies(SubscriberLinks links) {
		this.links = links;
	}

	void write(HttpServletResponse response, HttpServletRequest request, String name, String payload,
			long maxAgeSeconds) {
		String value = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ ENCODER.encodeToString(this.links.signature("cookie." + name + "." + payload));
		ResponseCookie cookie = ResponseCookie.from(name, value)
			.path("/")
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure())
			.maxAge(maxAgeSeconds)
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}

	void delete(HttpServletResponse response, HttpServletRequest request, String name) {
		ResponseCookie cookie = ResponseCookie.from(name, "")
			.path("/")
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure())
			.maxAge(0)
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}

	/**
	 * The payload of the named cookie, when it is there and its signature is ours.
	 */
	Optional<String> read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (cookie.getName().equals(name)) {
				return verify(name, cookie.getValue());
			}
		}
		return Optional.empty();
	}

	private Optional<String> verify(String name, @Nullable String value) {
		if (value == null) {
			return Optional.empty();
		}
		int dot = value.indexOf('.');
		if (dot < 1) {
			return Optional.empty();
		}
		try {
			String payload = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
			byte[] given = Base64.getUrlDecoder().decode(value.substring(dot + 1));
			byte[] expected = this.links.signature("cookie." + name + "." + payload);
			return MessageDigest.isEqual(expected, given) ? Optional.of(payload) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
