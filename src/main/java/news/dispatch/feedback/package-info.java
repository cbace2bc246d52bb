/**
 * Feedback: what comes back after a message was sent (late bounces as delivery status
 * notifications, complaints as ARF reports, auto-replies), tied to its message and turned
 * into the ledger's and the suppression list's changes.
 */
@NullMarked
package news.dispatch.feedback;

import org.jspecify.annotations.NullMarked;
