package news.dispatch.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Composes the messages of one kind of delivery. Each feature that sends (digests,
 * alerts) provides one.
 */
public interface Composer {

	/**
	 * The kind of delivery this composer serves.
	 */
	LedgerKey.Kind kind();

	/**
	 * Whether messages of this kind go first: while any wait to be sent, send steps of
	 * other kinds pause between chunks (see {@code dispatch.sending.priority.*}).
	 */
	default boolean priority() {
		return false;
	}

	/**
	 * The message for one delivery, or empty when it should not be sent any more (the
	 * subscriber left); the ledger then marks it FAILED with that reason.
	 * @throws MessageCompositionException when a template cannot be rendered
	 */
	Optional<ComposedMessage> compose(Delivery delivery);

	/**
	 * The messages for several deliveries, by delivery id, each as {@link #compose} would
	 * give it. Composers override it to load what the messages share in a few queries.
	 */
	default Map<Long, Optional<ComposedMessage>> composeAll(List<Delivery> deliveries) {
		Map<Long, Optional<ComposedMessage>> composed = new LinkedHashMap<>();
		for (Delivery delivery : deliveries) {
			composed.put(delivery.id(), compose(delivery));
		}
		return composed;
	}

}
