/**
 * The {@code dispatch} command line, for operators and editors.
 */
@NullMarked
package news.dispatch.cli;

import org.jspecify.annotations.NullMarked;
