package news.dispatch.topic;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

/**
 * Whether any one hit of a query stands for its topic, or only hits together do.
 * <p>
 * In {@code iraq OR baghdad} every hit names the topic. In {@code howard tory} a hit of
 * "Tories" alone does not name Michael Howard: a headline, lead or sentence speaks of the
 * topic only when it matches the whole query by itself ({@link #needsWholeQuery()}).
 */
final class QueryShape {

	private final @Nullable Query query;

	private QueryShape(@Nullable Query query) {
		this.query = query;
	}

	/**
	 * The shape of a parsed query.
	 */
	static QueryShape of(Query query) {
		return new QueryShape(conjunctive(query) ? query : null);
	}

	/**
	 * Whether the query, or a clause of it, wants two or more things at once; exclusions
	 * do not count.
	 */
	private static boolean conjunctive(Query query) {
		if (query instanceof BoostQuery boost) {
			return conjunctive(boost.getQuery());
		}
		if (!(query instanceof BooleanQuery bool)) {
			return false;
		}
		int required = 0;
		for (BooleanClause clause : bool.clauses()) {
			if (clause.isRequired()) {
				required++;
			}
			if (clause.getOccur() != BooleanClause.Occur.MUST_NOT && conjunctive(clause.getQuery())) {
				return true;
			}
		}
		return required > 1;
	}

	/** The shape of a query whose every hit names the topic. */
	static QueryShape anyHit() {
		return new QueryShape(null);
	}

	/**
	 * Whether a part of a story speaks of the topic only when it matches the whole query.
	 */
	boolean needsWholeQuery() {
		return this.query != null;
	}

	/**
	 * The query, to be run on a part of a story; {@code null} when any hit will do.
	 */
	@Nullable Query query() {
		return this.query;
	}

}
