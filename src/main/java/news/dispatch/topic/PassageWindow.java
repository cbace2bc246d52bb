package news.dispatch.topic;

import java.util.List;

/**
 * Chooses which part of an over-long passage to show: a window of about {@code maxLength}
 * chars around the passage's densest run of hits, moved to word boundaries where there
 * are any nearby (text without spaces, such as Chinese or a row of emoji, is cut anywhere
 * but never inside a surrogate pair).
 */
final class PassageWindow {

	private static final int SNAP_DISTANCE = 24;

	private PassageWindow() {
	}

	/**
	 * Return the {@code [from, to)} window of {@code text[start, end)} to show.
	 * @param hits the hits inside the passage, sorted by start
	 */
	static int[] around(String text, int start, int end, List<ArticleHit> hits, int maxLength) {
		if (end - start <= maxLength) {
			return new int[] { start, end };
		}
		int anchor = densestStart(hits, start, maxLength);
		int last = anchor;
		for (ArticleHit hit : hits) {
			if (hit.start() >= anchor && (hit.end() - anchor <= maxLength || last == anchor)) {
				last = Math.max(last, hit.end());
			}
		}
		int from = Math.max(start, anchor - Math.max(0, maxLength - (last - anchor)) / 2);
		int to = Math.min(end, Math.max(from + maxLength, last));
		from = Math.max(start, Math.min(from, to - maxLength));
		from = (from > start) ? snapForward(text, from, anchor) : from;
		to = (to < end) ? snapBackward(text, to, last) : to;
		return new int[] { from, to };
	}

	/**
	 * Return the start of the hit that begins the window of {@code maxLength} chars
	 * holding the most hits (the earliest such window on a tie).
	 */
	private static int densestStart(List<ArticleHit> hits, int fallback, int maxLength) {
		int best = fallback;
		int bestCount = 0;
		for (ArticleHit first : hits) {
			int count = (int) hits.stream()
				.filter((hit) -> hit.start() >= first.start() && hit.end() - first.start() <= maxLength)
				.count();
			if (count > bestCount) {
				best = first.start();
				bestCount = count;
			}
		}
		return best;
	}

	private static int snapForward(String text, int from, int limit) {
		if (!Character.isWhitespace(text.charAt(from - 1))) {
			for (int i = from; i < Math.min(limit, from + SNAP_DISTANCE); i++) {
				if (Character.isWhitespace(text.charAt(i))) {
					from = i + 1;
					break;
				}
			}
		}
		if (from < limit && Character.isLowSurrogate(text.charAt(from))) {
			from++;
		}
		while (from < limit && Character.isWhitespace(text.charAt(from))) {
			from++;
		}
		return from;
	}

	private static int snapBackward(String text, int to, int limit) {
		if (!Character.isWhitespace(text.charAt(to)) && !Character.isWhitespace(text.charAt(to - 1))) {
			for (int i = to - 1; i > Math.max(limit, to - SNAP_DISTANCE); i--) {
				if (Character.isWhitespace(text.charAt(i))) {
					to = i;
					break;
				}
			}
		}
		if (to > limit && Character.isLowSurrogate(text.charAt(to))) {
			to--;
		}
		while (to > limit && Character.isWhitespace(text.charAt(to - 1))) {
			to--;
		}
		return to;
	}

}
