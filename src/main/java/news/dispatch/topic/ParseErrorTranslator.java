package news.dispatch.topic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;

/**
 * Turns the errors of Lucene's classic query parser into an {@link InvalidQueryException}
 * with a position and one plain sentence.
 * <p>
 * The position comes from the parser's token (its {@code beginColumn} is a 0-based
 * character offset) or, for lexical errors, from the reported column. An unclosed quote
 * or parenthesis is reported where it was opened, which is where the editor has to look.
 */
final class ParseErrorTranslator {

	private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

	private ParseErrorTranslator() {
	}

	static InvalidQueryException translate(String query, ParseException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof QueryProblem problem) {
			return new InvalidQueryException(null, problem.position(), problem.reason(), ex);
		}
		if (cause instanceof TokenMgrError) {
			return lexical(query, cause, ex);
		}
		if (cause instanceof ParseException parse && parse.currentToken != null) {
			return syntax(query, parse.currentToken, ex);
		}
		return new InvalidQueryException(null, -1, "the query cannot be read", ex);
	}

	private static InvalidQueryException lexical(String query, Throwable cause, ParseException ex) {
		int quote = QueryScanner.unclosedQuote(query);
		if (quote >= 0) {
			return new InvalidQueryException(null, quote, "a quoted phrase is not closed", ex);
		}
		if (query.stripTrailing().endsWith("\\")) {
			return new InvalidQueryException(null, query.stripTrailing().length() - 1,
					"a backslash at the end of the query has nothing to escape", ex);
		}
		Matcher column = COLUMN.matcher(String.valueOf(cause.getMessage()));
		int position = column.find() ? Math.min(Integer.parseInt(column.group(1)) - 1, query.length()) : -1;
		return new InvalidQueryException(null, position, "the query has a character that cannot be read here", ex);
	}

	private static InvalidQueryException syntax(String query, Token current, ParseException ex) {
		Token next = current.next;
		if (next == null) {
			return new InvalidQueryException(null, -1, "the query cannot be read", ex);
		}
		if (isOperator(next)) {
			return new InvalidQueryException(null, next.beginColumn, operatorReason(next), ex);
		}
		if (next.kind == QueryParserConstants.RPAREN) {
			String reason = (current.kind == QueryParserConstants.LPAREN) ? "there is nothing between the parentheses"
					: "a closing parenthesis has no matching opening one";
			return new InvalidQueryException(null, next.beginColumn, reason, ex);
		}
		if (next.kind == QueryParserConstants.EOF) {
			return endedTooEarly(query, current, ex);
		}
		String reason = "the query cannot be read at '" + next.image + "'";
		return new InvalidQueryException(null, next.beginColumn, reason, ex);
	}

	private static InvalidQueryException endedTooEarly(String query, Token current, ParseException ex) {
		if (isOperator(current)) {
			return new InvalidQueryException(null, current.beginColumn, operatorReason(current), ex);
		}
		int paren = QueryScanner.unclosedParenthesis(query);
		if (paren >= 0) {
			return new InvalidQueryException(null, paren, "a parenthesis is opened but never closed", ex);
		}
		if (current.kind == QueryParserConstants.COLON) {
			return new InvalidQueryException(null, current.beginColumn, "a field name needs a word after the colon",
					ex);
		}
		return new InvalidQueryException(null, current.next.beginColumn, "the query ends too early", ex);
	}

	private static boolean isOperator(Token token) {
		return token.kind == QueryParserConstants.AND || token.kind == QueryParserConstants.OR
				|| token.kind == QueryParserConstants.NOT;
	}

	private static String operatorReason(Token operator) {
		if (operator.kind == QueryParserConstants.NOT) {
			return "NOT needs a word or phrase after it";
		}
		return operator.image.trim() + " needs a word or phrase on both sides";
	}

}
