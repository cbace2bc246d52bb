package news.dispatch.topic;

/**
 * Thrown when a topic query cannot be used: it is blank, does not parse, names an unknown
 * field, starts a word with a wildcard or only excludes words.
 * <p>
 * {@link #position()} is the 0-based character position in the query where the problem is
 * (or {@code -1} when unknown); {@link #reason()} is one plain sentence an editor can act
 * on. The message shows the position as a 1-based column, the way an editor counts:
 * {@code column 12: a quoted phrase is not closed}.
 */
public class InvalidQueryException extends RuntimeException {

	private final int position;

	private final String reason;

	private final String queryId;

	/**
	 * Create an exception for a query that is not (yet) tied to a topic id.
	 * @param position 0-based character position of the problem, or -1 if unknown
	 * @param reason one plain sentence describing the problem
	 */
	public InvalidQueryException(int position, String reason) {
		this(null, position, reason, null);
	}

	/**
	 * Create an exception for a query, optionally tied to a topic id.
	 * @param queryId the id of the offending query, or {@code null}
	 * @param position 0-based character position of the problem, or -1 if unknown
	 * @param reason one plain sentence describing the problem
	 * @param cause the underlying parser error, or {@code null}
	 */
	public InvalidQueryException(String queryId, int position, String reason, Throwable cause) {
		super(message(queryId, position, reason), cause);
		this.queryId = queryId;
		this.position = (position < 0) ? -1 : position;
		this.reason = reason;
	}

	private static String message(String queryId, int position, String reason) {
		String where = (position < 0) ? reason : "column " + (position + 1) + ": " + reason;
		return (queryId != null) ? "query '" + queryId + "': " + where : where;
	}

	/**
	 * Return a copy of this exception that names the query it belongs to.
	 * @param id the query id
	 * @return a new exception with the same position and reason
	 */
	public InvalidQueryException forQuery(String id) {
		return new InvalidQueryException(id, this.position, this.reason, getCause());
	}

	/**
	 * Return the 0-based character position of the problem in the query.
	 * @return the position, or -1 if unknown
	 */
	public int position() {
		return this.position;
	}

	/**
	 * Return the problem as one plain sentence, without position or query id.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Return the id of the query the problem belongs to.
	 * @return the query id, or {@code null} when the query was parsed on its own
	 */
	public String queryId() {
		return this.queryId;
	}

}
