/**
 * Outgoing webhooks: what happened in Dispatch (editions, alerts, readers, failing runs
 * and sources), told to the newsroom's other systems as signed JSON, through an outbox,
 * at least once.
 */
@NullMarked
package news.dispatch.outbound;

import org.jspecify.annotations.NullMarked;
