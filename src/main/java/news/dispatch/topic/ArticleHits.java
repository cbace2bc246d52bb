package news.dispatch.topic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.monitor.HighlightsMatch;

/**
 * Reads the hits of a {@link HighlightsMatch} as char ranges of an article and weighs
 * them.
 * <p>
 * Hit offsets are Lucene token offsets, which are Java {@code char} offsets into the
 * field text. A trailing possessive ({@code 's}, {@code ’s}) is left out of the hit, so
 * that {@code "north korea"} highlights "North Korea" in "North Korea’s".
 */
final class ArticleHits {

	static final double HEADLINE_WEIGHT = 3.0;

	static final double LEAD_WEIGHT = 2.0;

	static final double BODY_WEIGHT = 1.0;

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\r]*\\n");

	private ArticleHits() {
	}

	static List<ArticleHit> of(ArticleText text, HighlightsMatch match) {
		MatchableArticle article = text.article();
		List<ArticleHit> hits = new ArrayList<>();
		int bodyOffset = text.bodyOffset();
		for (String field : match.getFields()) {
			boolean headline = QueryLanguage.HEADLINE.equals(field);
			if (!headline && !QueryLanguage.BODY.equals(field)) {
				continue;
			}
			for (HighlightsMatch.Hit hit : match.getHits(field)) {
				if (headline) {
					add(hits, QueryLanguage.HEADLINE, article.headline(), hit.startOffset, hit.endOffset);
				}
				else if (hit.startOffset < bodyOffset) {
					add(hits, ArticleHit.PLACE, text.placeText(), hit.startOffset, hit.endOffset);
				}
				else {
					add(hits, QueryLanguage.BODY, article.body(), hit.startOffset - bodyOffset,
							hit.endOffset - bodyOffset);
				}
			}
		}
		hits.sort(Comparator.comparing(ArticleHit::field)
			.thenComparingInt(ArticleHit::start)
			.thenComparingInt(ArticleHit::end));
		return hits;
	}

	private static void add(List<ArticleHit> hits, String field, String text, int start, int end) {
		if (start >= 0 && end > start && end <= text.length()) {
			hits.add(new ArticleHit(field, start, withoutPossessive(text, start, end)));
		}
	}

	static double score(ArticleText article, List<ArticleHit> hits) {
		int leadEnd = article.leadEnd();
		double score = 0;
		for (ArticleHit hit : hits) {
			if (hit.inHeadline() || hit.inPlace()) {
				score += HEADLINE_WEIGHT;
			}
			else {
				score += (hit.start() < leadEnd) ? LEAD_WEIGHT : BODY_WEIGHT;
			}
		}
		return Math.round(score * 100) / 100.0;
	}

	/**
	 * Return the offset where the lead (the first non-blank paragraph) ends.
	 */
	static int leadEnd(String body) {
		int start = 0;
		while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
			start++;
		}
		Matcher paragraphBreak = PARAGRAPH_BREAK.matcher(body);
		return paragraphBreak.find(start) ? paragraphBreak.start() : body.length();
	}

	private static int withoutPossessive(String text, int start, int end) {
		if (end - start > 2) {
			char apostrophe = text.charAt(end - 2);
			char s = text.charAt(end - 1);
			boolean isApostrophe = apostrophe == '\'' || apostrophe == '\u2019' || apostrophe == '\uFF07';
			if (isApostrophe && (s == 's' || s == 'S')) {
				return end - 2;
			}
		}
		return end;
	}

}
