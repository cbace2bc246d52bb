/**
 * Topics: the catalog of queries editors define, the query language, and matching
 * articles to topics with Lucene Monitor.
 */
@NullMarked
package news.dispatch.topic;

import org.jspecify.annotations.NullMarked;
