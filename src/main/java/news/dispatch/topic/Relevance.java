package news.dispatch.topic;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a topic demands of a match beyond the query, so that an article that names the
 * topic once in passing does not fill its digest.
 * <p>
 * {@code in} says where a hit must be: {@link Region#HEADLINE}, {@link Region#LEAD} (the
 * headline or the first paragraph) or {@link Region#ANYWHERE}. {@code minHits} says how
 * many hits the article must have in all. When both are demanding (a region other than
 * anywhere and more than one hit), either one suffices: the topic is prominent or it is
 * frequent.
 *
 * @param in where a hit must be
 * @param minHits the fewest hits, 1 or more
 */
public record Relevance(Region in, int minHits) {

	/** No demand beyond the query. */
	public static final Relevance ANY = new Relevance(Region.ANYWHERE, 1);

	/**
	 * Validate the options.
	 */
	public Relevance {
		if (minHits < 1) {
			throw new IllegalArgumentException("min-hits must be 1 or more, not " + minHits);
		}
	}

	/**
	 * Read the options as written in a topics file or on the command line. Given neither,
	 * the defaults apply; given one, the other demands nothing (so {@code in: headline}
	 * alone wants the headline, and {@code min-hits: 3} alone three hits anywhere).
	 * @param in {@code headline}, {@code lead} or {@code anywhere}, or {@code null}
	 * @param minHits a whole number from 1, or {@code null}
	 * @param defaults what applies when neither is given
	 * @return the options
	 * @throws IllegalArgumentException with a sentence an editor can act on
	 */
	public static Relevance parse(@Nullable String in, @Nullable String minHits, Relevance defaults) {
		boolean inGiven = in != null && !in.isBlank();
		boolean minHitsGiven = minHits != null && !minHits.isBlank();
		if (!inGiven && !minHitsGiven) {
			return defaults;
		}
		Region region = Region.ANYWHERE;
		if (inGiven) {
			try {
				region = Region.valueOf(in.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("in: must be headline, lead or anywhere, not \"" + in + "\"");
			}
		}
		int hits = 1;
		if (minHitsGiven) {
			try {
				hits = Integer.parseInt(minHits.strip());
			}
			catch (NumberFormatException ex) {
				hits = 0;
			}
			if (hits < 1) {
				throw new IllegalArgumentException("min-hits: must be a whole number from 1, not \"" + minHits + "\"");
			}
		}
		return new Relevance(region, hits);
	}

	/**
	 * Whether an article with these hits is about the topic.
	 */
	boolean admits(ArticleText article, List<ArticleHit> hits) {
		boolean regionDemanded = this.in != Region.ANYWHERE;
		boolean countDemanded = this.minHits > 1;
		boolean frequent = hits.size() >= this.minHits;
		if (!regionDemanded) {
			return frequent;
		}
		boolean prominent = inRegion(article, hits);
		return countDemanded ? (prominent || frequent) : prominent;
	}

	private boolean inRegion(ArticleText article, List<ArticleHit> hits) {
		int leadEnd = (this.in == Region.LEAD) ? article.leadEnd() : -1;
		for (ArticleHit hit : hits) {
			if (hit.inHeadline() || hit.start() < leadEnd) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where in an article a hit counts as prominent.
	 */
	public enum Region {

		/** The headline only. */
		HEADLINE,

		/** The headline or the first paragraph of the body. */
		LEAD,

		/** Anywhere: no demand. */
		ANYWHERE

	}

}
