package news.dispatch.topic;

/**
 * A topic readers can follow: a name and the query that decides which articles are about
 * it.
 */
public record Topic(long id, String name, String query) {
}
