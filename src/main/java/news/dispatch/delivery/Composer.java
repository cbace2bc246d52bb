package news.dispatch.delivery;

import java.util.Optional;

/**
 * Composes the messages of one kind of delivery. Each feature that sends (digests,
 * alerts) provides one.
 */
public interface Composer {

	/**
	 * The kind of delivery this composer serves, as stored in the ledger.
	 */
	String kind();

	/**
	 * The message for one delivery, or empty when it should not be sent any more (the
	 * subscriber left); the ledger then marks it FAILED with that reason.
	 * @throws MessageCompositionException when a template cannot be rendered
	 */
	Optional<ComposedMessage> compose(Delivery delivery);

}
