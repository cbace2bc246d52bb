/**
 * What every feature shares: the data directory, the database, the site's identity.
 */
@NullMarked
package news.dispatch.system;

import org.jspecify.annotations.NullMarked;
