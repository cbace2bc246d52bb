package news.dispatch;

/**
 * The tests' editor and operator passwords as the settings must give them, bcrypt-encoded
 * (cost 4, for speed; made with Spring Security's {@code BCryptPasswordEncoder}).
 */
public final class TestPasswords {

	/** {@code s3cret-pass}. */
	public static final String S3CRET_PASS = "{bcrypt}$2a$04$goNFtqrvK.Nm44ZhlEziTu.3S2kI/fZaQvwoJEUasW58wBd3MYAV2";

	/** {@code ops-pass}. */
	public static final String OPS_PASS = "{bcrypt}$2a$04$MXPYavEbQLcPH51IDrfuge0yjUZcCMMVISseTOLDN2Aea7MvxC0bG";

	/** {@code s3cret-for-tests}. */
	public static final String S3CRET_FOR_TESTS = "{bcrypt}$2a$04$i4oVYGIucx9V.A6BfMzHC.7pjBKDInMumdyT5yAVB8tfPiQR.4r22";

	private TestPasswords() {
	}

}
