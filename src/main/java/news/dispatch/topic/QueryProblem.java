package news.dispatch.topic;

import org.apache.lucene.queryparser.classic.ParseException;

/**
 * A {@link ParseException} raised by {@link TopicQueryParser} itself, which already knows
 * where the problem is and how to say it plainly.
 */
final class QueryProblem extends ParseException {

	private final int position;

	private final String reason;

	QueryProblem(int position, String reason) {
		super(reason);
		this.position = position;
		this.reason = reason;
	}

	int position() {
		return this.position;
	}

	String reason() {
		return this.reason;
	}

}
