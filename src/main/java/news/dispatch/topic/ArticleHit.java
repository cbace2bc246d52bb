package news.dispatch.topic;

/**
 * Where a query hit an article: a char range of the headline or of the body.
 *
 * @param field {@link QueryLanguage#HEADLINE} or {@link QueryLanguage#BODY}
 * @param start offset of the first char of the hit in that field's text
 * @param end offset after the last char (exclusive)
 */
record ArticleHit(String field, int start, int end) {

	boolean inHeadline() {
		return QueryLanguage.HEADLINE.equals(this.field);
	}

}
