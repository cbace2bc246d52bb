package news.dispatch.subscriber;

import java.time.Instant;

/**
 * A change of a subscriber's status that was not their own doing: suppressed after
 * bounces or a complaint, reactivated by an operator.
 *
 * @param status the status it changed to
 * @param reason why, in a sentence
 */
public record StatusChange(String status, String reason, Instant at) {
}
