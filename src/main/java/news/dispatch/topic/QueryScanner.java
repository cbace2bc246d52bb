package news.dispatch.topic;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds unbalanced quotes and parentheses in a raw query, honouring backslash escapes and
 * ignoring parentheses inside quoted phrases.
 */
final class QueryScanner {

	private QueryScanner() {
	}

	/**
	 * Return the position of the quote that opens a phrase which is never closed.
	 * @param query the raw query
	 * @return the 0-based position of the opening quote, or -1 if all quotes are closed
	 */
	static int unclosedQuote(String query) {
		int open = -1;
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				open = (open < 0) ? i : -1;
			}
		}
		return open;
	}

	/**
	 * Return the position of the first opening parenthesis that is never closed.
	 * @param query the raw query
	 * @return the 0-based position of the parenthesis, or -1 if all are closed
	 */
	static int unclosedParenthesis(String query) {
		Deque<Integer> open = new ArrayDeque<>();
		boolean quoted = false;
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '(') {
				open.push(i);
			}
			else if (!quoted && c == ')' && !open.isEmpty()) {
				open.pop();
			}
		}
		return open.isEmpty() ? -1 : open.peekLast();
	}

	/**
	 * Return the position of the first {@code OR} (or {@code ||}) operator outside quoted
	 * phrases.
	 * @param query the raw query
	 * @return the 0-based position, or -1 if there is none
	 */
	static int firstOr(String query) {
		boolean quoted = false;
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (query.startsWith("||", i) || isWord(query, i, "OR"))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isWord(String query, int at, String word) {
		int end = at + word.length();
		return query.startsWith(word, at) && (at == 0 || isOperatorBoundary(query.charAt(at - 1)))
				&& (end == query.length() || isOperatorBoundary(query.charAt(end)));
	}

	private static boolean isOperatorBoundary(char c) {
		return Character.isWhitespace(c) || c == '(' || c == ')';
	}

}
