package news.dispatch.subscriber;

import java.net.IDN;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import news.dispatch.system.InvalidInputException;

/**
 * The one form an email address is kept in: lower case, its domain in ASCII (an
 * internationalised domain as its punycode, {@code a@exämple.com} and
 * {@code a@xn--exmple-cua.com} being one reader). Refused: a display name, a domain
 * literal ({@code a@[127.0.0.1]}), a domain without a dot, a label that starts or ends
 * with a hyphen or is over 63 characters, and an address over 254 characters (the longest
 * SMTP carries).
 */
public final class EmailAddresses {

	/** The longest address SMTP carries (RFC 5321's path limit less its brackets). */
	public static final int MAX_LENGTH = 254;

	private EmailAddresses() {
	}

	/**
	 * The address in its one form.
	 * @throws InvalidInputException saying what is wrong, in words a reader understands
	 */
	public static String normalise(String value) {
		String given = value.strip();
		if (given.isEmpty()) {
			throw new InvalidInputException("the email is missing");
		}
		if (given.length() > MAX_LENGTH) {
			throw new InvalidInputException("the email address is " + given.length() + " characters long; an address"
					+ " has at most " + MAX_LENGTH);
		}
		int at = given.lastIndexOf('@');
		if (at <= 0 || at == given.length() - 1) {
			throw notAnAddress(given);
		}
		String local = given.substring(0, at);
		String domain = given.substring(at + 1);
		if (domain.startsWith("[")) {
			throw new InvalidInputException("\"" + given + "\" names a machine by its IP address; use an address"
					+ " at a domain name, like reader@example.com");
		}
		String ascii;
		try {
			ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			throw notAnAddress(given);
		}
		if (!ascii.contains(".") || ascii.endsWith(".") || ascii.startsWith(".")) {
			throw notAnAddress(given);
		}
		String email = local.toLowerCase(Locale.ROOT) + "@" + ascii;
		try {
			InternetAddress address = new InternetAddress(email, true);
			if (address.getPersonal() != null || !address.getAddress().equals(email)
					|| !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > MAX_LENGTH) {
				throw new AddressException();
			}
		}
		catch (AddressException ex) {
			throw notAnAddress(given);
		}
		return email;
	}

	private static InvalidInputException notAnAddress(String given) {
		return new InvalidInputException("\"" + given + "\" is not an email address like reader@example.com");
	}

}
