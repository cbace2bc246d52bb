/**
 * Dispatch sends a newsroom's topic digests and breaking-news alerts by email.
 */
@NullMarked
package news.dispatch;

import org.jspecify.annotations.NullMarked;
