/**
 * The digest job: who is due an edition, what is new for them, in what order, and the
 * message that carries it.
 */
@NullMarked
package news.dispatch.digest;

import org.jspecify.annotations.NullMarked;
