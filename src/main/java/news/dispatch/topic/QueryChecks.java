package news.dispatch.topic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Checks a parsed topic query for mistakes the parser accepts but that would make the
 * topic match nothing, or something other than the editor meant.
 * <ul>
 * <li>Only exclusions ({@code -russia}): nothing to look for.</li>
 * <li>OR mixed with AND at one level without parentheses ({@code putin OR kremlin
 * sanctions}): Lucene's classic parser reads this as "sanctions", ignoring both
 * alternatives, so the editor is asked to add parentheses.</li>
 * <li>A group that only excludes ({@code (-russia) putin}): it matches nothing, so the
 * whole query would match nothing.</li>
 * </ul>
 */
final class QueryChecks {

	private static final Pattern NEGATIVE_GROUP = Pattern.compile("\\(\\s*(-|!|NOT\\b)");

	private QueryChecks() {
	}

	static void check(String query, Query parsed) {
		if (!hasWordToLookFor(parsed)) {
			throw new InvalidQueryException(firstNonBlank(query), "a query needs at least one word to look for");
		}
		if (mixesAndWithOr(parsed)) {
			throw new InvalidQueryException(QueryScanner.firstOr(query), "OR is mixed with AND without parentheses;"
					+ " group the alternatives, as in (putin OR kremlin) sanctions");
		}
		if (!canMatch(parsed)) {
			Matcher group = NEGATIVE_GROUP.matcher(query);
			throw new InvalidQueryException(group.find() ? group.start() : firstNonBlank(query),
					"a group in parentheses only excludes words; put a word to look for inside it");
		}
	}

	private static boolean hasWordToLookFor(Query query) {
		if (query instanceof BoostQuery boost) {
			return hasWordToLookFor(boost.getQuery());
		}
		if (query instanceof BooleanQuery bool) {
			return bool.clauses()
				.stream()
				.anyMatch((clause) -> clause.getOccur() != Occur.MUST_NOT && hasWordToLookFor(clause.getQuery()));
		}
		return !(query instanceof MatchNoDocsQuery);
	}

	private static boolean mixesAndWithOr(Query query) {
		if (query instanceof BoostQuery boost) {
			return mixesAndWithOr(boost.getQuery());
		}
		if (!(query instanceof BooleanQuery bool)) {
			return false;
		}
		boolean required = bool.clauses().stream().anyMatch(QueryChecks::isRequired);
		boolean optional = bool.clauses().stream().anyMatch((clause) -> clause.getOccur() == Occur.SHOULD);
		return (required && optional)
				|| bool.clauses().stream().anyMatch((clause) -> mixesAndWithOr(clause.getQuery()));
	}

	private static boolean canMatch(Query query) {
		if (query instanceof BoostQuery boost) {
			return canMatch(boost.getQuery());
		}
		if (!(query instanceof BooleanQuery bool)) {
			return !(query instanceof MatchNoDocsQuery);
		}
		boolean anyPositive = false;
		for (BooleanClause clause : bool.clauses()) {
			if (clause.getOccur() == Occur.MUST_NOT) {
				continue;
			}
			boolean matches = canMatch(clause.getQuery());
			if (isRequired(clause) && !matches) {
				return false;
			}
			anyPositive |= matches;
		}
		return anyPositive;
	}

	private static boolean isRequired(BooleanClause clause) {
		return clause.getOccur() == Occur.MUST || clause.getOccur() == Occur.FILTER;
	}

	private static int firstNonBlank(String query) {
		for (int i = 0; i < query.length(); i++) {
			if (!Character.isWhitespace(query.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
