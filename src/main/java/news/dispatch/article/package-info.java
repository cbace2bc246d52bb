/**
 * Articles: where they come from, what of them is the story, and the store that keeps
 * each story once.
 */
@NullMarked
package news.dispatch.article;

import org.jspecify.annotations.NullMarked;
