/**
 * Ingest: where stories come from (folders, feeds, pages), what of each is the story, and
 * storing each story once (near-duplicates become "also in").
 */
@NullMarked
package news.dispatch.ingest;

import org.jspecify.annotations.NullMarked;
