package news.dispatch.web;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random bytes for CSRF tokens and their masks from a DRBG of each thread's own. The
 * JDK's default {@code SecureRandom} takes one lock for every caller (and reads
 * {@code /dev/urandom} under it): under load the pages with a form queued there, for up
 * to a second (bench/README.md, "Web load").
 */
final class PerThreadRandom extends SecureRandom {

	private static final long serialVersionUID = 1L;

	private static final ThreadLocal<SecureRandom> RANDOMS = ThreadLocal.withInitial(PerThreadRandom::drbg);

	@Override
	public void nextBytes(byte[] bytes) {
		RANDOMS.get().nextBytes(bytes);
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This Java has no DRBG SecureRandom", ex);
		}
	}

}
