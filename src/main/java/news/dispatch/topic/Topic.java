package news.dispatch.topic;

/**
 * A topic readers can follow: a name, the query that decides which articles are about it,
 * and what a match must also satisfy.
 */
public record Topic(long id, String name, String query, Relevance relevance) {
}
