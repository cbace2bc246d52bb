package news.dispatch.web;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import news.dispatch.audit.AuditLog;
import news.dispatch.system.RateCounters;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Editors' logins, slowed down and locked against guessing: each wrong password waits
 * {@code dispatch.editors.login.delay} before its answer and is counted, in the shared
 * database, against the account and against the client address; once either has had its
 * failures in the window ({@code lock}), every login of that account or from that client
 * is refused until the window ends, the right password included. A login clears the
 * account's count. Every failure and lock goes in the audit log, and so does a login when
 * {@code recordLogins} (the editor page; not each API call).
 */
final class ThrottledLogins implements AuthenticationProvider {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private final AuthenticationProvider passwords;

	private final RateCounters counters;

	private final AuditLog audit;

	private final EditorSettings.Login settings;

	private final boolean recordLogins;

	ThrottledLogins(AuthenticationProvider passwords, RateCounters counters, AuditLog audit,
			EditorSettings.Login settings, boolean recordLogins) {
		this.passwords = passwords;
		this.counters = counters;
		this.audit = audit;
		this.settings = settings;
		this.recordLogins = recordLogins;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication login) throws AuthenticationException {
		String name = login.getName();
		String client = client(login);
		Duration window = this.settings.lock();
		String account = "login-account:" + name;
		String from = "login-client:" + client;
		if (this.counters.hits(account, window) >= this.settings.failuresPerAccount()
				|| this.counters.hits(from, window) >= this.settings.failuresPerClient()) {
			this.audit.record(name, AuditLog.Action.LOGIN_LOCKED, null, client, null);
			throw new LockedException("Too many wrong passwords: logins are locked until "
					+ TIME.format(this.counters.windowEnd(window)) + ". Try again then, or ask the operator.");
		}
		try {
			Authentication done = this.passwords.authenticate(login);
			this.counters.clear(account);
			if (this.recordLogins && done != null) {
				this.audit.record(name, AuditLog.Action.LOGIN, null, client, null);
			}
			return done;
		}
		catch (BadCredentialsException ex) {
			this.counters.add(account, window);
			this.counters.add(from, window);
			this.audit.record(name, AuditLog.Action.LOGIN_FAILED, null, client, null);
			pause();
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwords.supports(authentication);
	}

	private void pause() {
		try {
			Thread.sleep(this.settings.delay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String client(Authentication login) {
		return (login.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null)
				? details.getRemoteAddress() : "unknown";
	}

}
