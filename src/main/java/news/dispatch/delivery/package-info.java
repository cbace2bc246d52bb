/**
 * Delivery: the ledger of messages, composing them (MIME, headers, templates), and
 * sending them over SMTP so that each is sent once.
 */
@NullMarked
package news.dispatch.delivery;

import org.jspecify.annotations.NullMarked;
