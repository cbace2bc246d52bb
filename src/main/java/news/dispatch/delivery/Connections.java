package news.dispatch.delivery;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The value of {@code dispatch.sending.connections}: a number of SMTP connections, or
 * {@code auto}, as many as the relay, measured at the start of each send step, needs to
 * send the edition within {@code dispatch.sending.target-duration} (see
 * {@link ConnectionPlan}). A class rather than a record: it is one setting, not a group
 * of them.
 */
public final class Connections {

	/** As many as the relay needs, measured at the start of each send step. */
	public static final Connections AUTO = new Connections(0);

	private final int count;

	private Connections(int count) {
		this.count = count;
	}

	/**
	 * A fixed number of connections, 1 or more.
	 */
	public static Connections of(int count) {
		if (count < 1) {
			throw new IllegalArgumentException(
					"dispatch.sending.connections is " + count + "; set it to 1 or more, or to auto.");
		}
		return new Connections(count);
	}

	/**
	 * Reads the setting: {@code auto} or a number.
	 */
	public static Connections valueOf(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.equals("auto")) {
			return AUTO;
		}
		try {
			return of(Integer.parseInt(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"dispatch.sending.connections is \"" + text + "\"; set it to a number of connections or to auto.");
		}
	}

	/**
	 * The setting as YAML gives a plain number.
	 */
	public static Connections valueOf(Integer count) {
		return of(count);
	}

	public boolean auto() {
		return this.count == 0;
	}

	/**
	 * The fixed number of connections.
	 * @throws IllegalStateException when the setting is {@code auto}
	 */
	public int count() {
		if (auto()) {
			throw new IllegalStateException("dispatch.sending.connections is auto: measure the relay first");
		}
		return this.count;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Connections connections && connections.count == this.count;
	}

	@Override
	public int hashCode() {
		return this.count;
	}

	@Override
	public String toString() {
		return auto() ? "auto" : Integer.toString(this.count);
	}

}
