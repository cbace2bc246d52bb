/**
 * Click counts without surveillance: signed redirect links in digests and alerts, counted
 * per story, topic and edition, with link scanners counted apart.
 */
@NullMarked
package news.dispatch.tracking;

import org.jspecify.annotations.NullMarked;
