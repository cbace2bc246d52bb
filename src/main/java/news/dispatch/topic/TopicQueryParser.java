package news.dispatch.topic;

import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * Lucene's classic query parser set up for the topic language: unrestricted terms search
 * {@link QueryLanguage#HEADLINE} and {@link QueryLanguage#BODY}, the default operator is
 * AND, hyphenated words become phrases, the fields an editor may name are
 * {@code headline} and {@code place} (a known place's forms, {@link KnownPlaces}) and
 * words may not start with a wildcard.
 * <p>
 * Not thread-safe: create one per parse.
 */
final class TopicQueryParser extends MultiFieldQueryParser {

	/** The known-places field: {@code place:japan}. */
	static final String PLACE = "place";

	private static final String[] DEFAULT_FIELDS = { QueryLanguage.HEADLINE, QueryLanguage.BODY };

	private final String query;

	/** True while the superclass expands a default-field clause into both fields. */
	private boolean expanding;

	TopicQueryParser(Analyzer analyzer, String query) {
		super(DEFAULT_FIELDS, analyzer);
		this.query = query;
		setDefaultOperator(Operator.AND);
		setSplitOnWhitespace(true);
		setAutoGeneratePhraseQueries(true);
		setAllowLeadingWildcard(false);
	}

	@Override
	protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
		if (PLACE.equals(field)) {
			return place(text);
		}
		return checked(field, () -> super.getFieldQuery(field, text, quoted));
	}

	/**
	 * {@code place:japan}: any of the place's forms ({@link KnownPlaces}), each a phrase
	 * searched in the headline and the body.
	 */
	private Query place(String name) throws ParseException {
		List<String> forms = KnownPlaces.forms(name)
			.orElseThrow(() -> new QueryProblem(fieldPosition(PLACE), "place:" + name
					+ " is not a known place; write its forms with OR, as in (japan OR japanese OR tokyo), or use a"
					+ " country's name, as in place:japan"));
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		for (String form : forms) {
			any.add(checked(null, () -> super.getFieldQuery(null, form, true)), BooleanClause.Occur.SHOULD);
		}
		return any.build();
	}

	@Override
	protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
		return checked(field, () -> super.getFieldQuery(field, text, slop));
	}

	@Override
	protected Query getPrefixQuery(String field, String text) throws ParseException {
		return checked(field, () -> super.getPrefixQuery(field, text));
	}

	@Override
	protected Query getWildcardQuery(String field, String text) throws ParseException {
		if (text.startsWith("*") || text.startsWith("?")) {
			throw new QueryProblem(currentTokenPosition(text),
					"a word cannot start with * or ?; put the wildcard at the end of a word, as in russ*");
		}
		return checked(field, () -> super.getWildcardQuery(field, text));
	}

	@Override
	protected Query getFuzzyQuery(String field, String text, float similarity) throws ParseException {
		return checked(field, () -> super.getFuzzyQuery(field, text, similarity));
	}

	@Override
	protected Query getRegexpQuery(String field, String text) throws ParseException {
		return checked(field, () -> super.getRegexpQuery(field, text));
	}

	@Override
	protected Query getRangeQuery(String field, String low, String high, boolean startInclusive, boolean endInclusive)
			throws ParseException {
		return checked(field, () -> super.getRangeQuery(field, low, high, startInclusive, endInclusive));
	}

	private Query checked(String field, ClauseBuilder builder) throws ParseException {
		if (field == null) {
			this.expanding = true;
			try {
				return builder.build();
			}
			finally {
				this.expanding = false;
			}
		}
		if (!this.expanding && !QueryLanguage.HEADLINE.equals(field)) {
			throw new QueryProblem(fieldPosition(field), "unknown field '" + field
					+ "': the fields you can name are headline and place, as in headline:putin or place:japan");
		}
		return builder.build();
	}

	private int currentTokenPosition(String text) {
		if (this.token != null && this.token.image != null && this.token.image.contains(text)) {
			return this.token.beginColumn;
		}
		return this.query.indexOf(text);
	}

	private int fieldPosition(String field) {
		int before = (this.token != null) ? this.token.beginColumn : this.query.length();
		for (int at = this.query.lastIndexOf(field, before); at >= 0; at = this.query.lastIndexOf(field, at - 1)) {
			int next = at + field.length();
			while (next < this.query.length() && Character.isWhitespace(this.query.charAt(next))) {
				next++;
			}
			if (next < this.query.length() && this.query.charAt(next) == ':') {
				return at;
			}
		}
		return this.query.indexOf(field);
	}

	@FunctionalInterface
	private interface ClauseBuilder {

		Query build() throws ParseException;

	}

}
