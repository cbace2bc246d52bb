package news.dispatch.topic;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the passage that shows why an article matched and places the highlights in it.
 * <p>
 * The passage is the body sentence holding the most hits (the earliest on a tie), or the
 * headline when only the headline was hit. A passage longer than {@link #MAX_LENGTH}
 * chars is cut by {@link PassageWindow}, with "…" where it was cut. Line breaks and tabs
 * become spaces, so offsets stay one-to-one with the source text.
 */
final class SnippetBuilder {

	static final int MAX_LENGTH = 240;

	private static final String ELLIPSIS = "\u2026";

	private SnippetBuilder() {
	}

	static Snippet build(ArticleText article, List<ArticleHit> hits) {
		List<ArticleHit> bodyHits = hits.stream().filter(ArticleHit::inBody).toList();
		if (bodyHits.isEmpty()) {
			String headline = article.headline();
			int start = 0;
			int end = headline.length();
			while (start < end && Character.isWhitespace(headline.charAt(start))) {
				start++;
			}
			while (end > start && Character.isWhitespace(headline.charAt(end - 1))) {
				end--;
			}
			return cut(headline, start, end, hits);
		}
		int bestStart = -1;
		int bestEnd = -1;
		int bestCount = -1;
		for (int[] sentence : article.sentences()) {
			int count = 0;
			int end = sentence[1];
			for (ArticleHit hit : bodyHits) {
				if (hit.start() >= sentence[0] && hit.start() < end) {
					count++;
					end = Math.max(end, hit.end());
				}
			}
			if (count > bestCount) {
				bestStart = sentence[0];
				bestEnd = end;
				bestCount = count;
			}
		}
		return (bestStart >= 0) ? cut(article.body(), bestStart, bestEnd, bodyHits) : new Snippet("", List.of());
	}

	private static Snippet cut(String text, int start, int end, List<ArticleHit> hits) {
		List<ArticleHit> inside = hits.stream().filter((hit) -> hit.start() >= start && hit.end() <= end).toList();
		int[] window = PassageWindow.around(text, start, end, inside, MAX_LENGTH);
		int from = window[0];
		int to = window[1];
		String prefix = (from > start) ? ELLIPSIS : "";
		String suffix = (to < end) ? ELLIPSIS : "";
		String passage = text.substring(from, to).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
		return new Snippet(prefix + passage + suffix, highlights(inside, from, to, prefix.length()));
	}

	private static List<Highlight> highlights(List<ArticleHit> hits, int from, int to, int shift) {
		List<Highlight> highlights = new ArrayList<>();
		hits.stream()
			.filter((hit) -> hit.start() >= from && hit.end() <= to)
			.sorted((a, b) -> Integer.compare(a.start(), b.start()))
			.forEach((hit) -> {
				int start = hit.start() - from + shift;
				int end = hit.end() - from + shift;
				int lastIndex = highlights.size() - 1;
				if (lastIndex >= 0 && start < highlights.get(lastIndex).end()) {
					Highlight previous = highlights.remove(lastIndex);
					highlights.add(new Highlight(previous.start(), Math.max(previous.end(), end)));
				}
				else {
					highlights.add(new Highlight(start, end));
				}
			});
		return highlights;
	}

	/**
	 * A passage and the highlighted ranges within it.
	 */
	record Snippet(String text, List<Highlight> highlights) {
	}

}
