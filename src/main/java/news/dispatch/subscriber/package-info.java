/**
 * Subscribers: who they are, what they follow, how often and when they want mail.
 */
@NullMarked
package news.dispatch.subscriber;

import org.jspecify.annotations.NullMarked;
