/**
 * Audit: what editors did (logins, refused and locked logins, alerts sent), by whom and
 * from where, for the operator to read.
 */
@NullMarked
package news.dispatch.audit;

import org.jspecify.annotations.NullMarked;
