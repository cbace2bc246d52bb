/**
 * Housekeeping: a scheduled job that deletes what has run out, the sign-ups never
 * confirmed in time and the rate-limit counters whose window has ended.
 */
@NullMarked
package news.dispatch.housekeeping;

import org.jspecify.annotations.NullMarked;
