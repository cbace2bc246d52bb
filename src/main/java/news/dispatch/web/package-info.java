/**
 * The pages readers reach from the links in their mail, served by {@code dispatch serve}.
 */
@NullMarked
package news.dispatch.web;

import org.jspecify.annotations.NullMarked;
