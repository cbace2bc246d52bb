/**
 * The stored story: headline, body, source and address, and the questions the features
 * after ingest ask of the store.
 */
@NullMarked
package news.dispatch.article;

import org.jspecify.annotations.NullMarked;
