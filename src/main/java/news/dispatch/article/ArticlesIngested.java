package news.dispatch.article;

/**
 * An ingest run has finished storing articles.
 *
 * @param jobExecutionId the run
 * @param stored how many new stories it stored
 */
public record ArticlesIngested(long jobExecutionId, long stored) {
}
