package news.dispatch.topic;

/**
 * Where a query hit an article: a char range of the headline or of the body.
 *
 * @param field {@link QueryLanguage#HEADLINE}, {@link QueryLanguage#BODY} or
 * {@link #PLACE} (the article's separate place)
 * @param start offset of the first char of the hit in that field's text
 * @param end offset after the last char (exclusive)
 */
record ArticleHit(String field, int start, int end) {

	/** The field of a hit in the article's separate place. */
	static final String PLACE = "place";

	boolean inBody() {
		return QueryLanguage.BODY.equals(this.field);
	}

	boolean inPlace() {
		return PLACE.equals(this.field);
	}

	boolean inHeadline() {
		return QueryLanguage.HEADLINE.equals(this.field);
	}

}
