package news.dispatch.topic;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a topic demands of a match beyond the query, so that an article that names the
 * topic once in passing does not fill its digest.
 * <p>
 * By default ({@link Region#ABOUT}) the story must be about the topic: its
 * {@link Aboutness} score, from hits in the headline, dateline and lead and the share of
 * sentences that hit, must reach {@code threshold} ({@value Aboutness#THRESHOLD} unless
 * the topic's judgements fitted another, see {@code dispatch topics tune}).
 * <p>
 * The older rules remain for topics that ask for them: {@code in} says where a hit must
 * be, {@link Region#HEADLINE}, {@link Region#LEAD} (the headline or the lead) or
 * {@link Region#ANYWHERE}; {@code minHits} says how many hits the article must have in
 * all. When both are demanding (a region other than anywhere and more than one hit),
 * either one suffices: the topic is prominent or it is frequent.
 *
 * @param in where a hit must be, or {@link Region#ABOUT}
 * @param minHits the fewest hits, 1 or more; not used by {@link Region#ABOUT}
 * @param threshold the aboutness a story must reach; used only by {@link Region#ABOUT}
 */
public record Relevance(Region in, int minHits, double threshold) {

	/** No demand beyond the query. */
	public static final Relevance ANY = new Relevance(Region.ANYWHERE, 1);

	/** The story must be about the topic, at the default threshold. */
	public static final Relevance ABOUT = about(Aboutness.THRESHOLD);

	/**
	 * Validate the options.
	 */
	public Relevance {
		if (minHits < 1) {
			throw new IllegalArgumentException("min-hits must be 1 or more, not " + minHits);
		}
		if (!(threshold >= 0)) {
			throw new IllegalArgumentException("the threshold must be 0 or more, not " + threshold);
		}
	}

	/**
	 * A rule of hits: where and how many.
	 */
	public Relevance(Region in, int minHits) {
		this(in, minHits, Aboutness.THRESHOLD);
	}

	/**
	 * The aboutness rule at a threshold of its own.
	 * @param threshold the score a story must reach, 0 or more
	 * @return the rule
	 */
	public static Relevance about(double threshold) {
		return new Relevance(Region.ABOUT, 1, threshold);
	}

	/**
	 * This rule with a threshold fitted to a topic's judgements; a rule of hits is kept
	 * as it is.
	 * @param fitted the fitted threshold, or {@code null} for none
	 * @return the rule to apply
	 */
	public Relevance withThreshold(@Nullable Double fitted) {
		return (this.in == Region.ABOUT && fitted != null) ? about(fitted) : this;
	}

	/**
	 * Read the options as written in a topics file or on the command line. Given neither,
	 * the defaults apply; given one, the other demands nothing (so {@code in: headline}
	 * alone wants the headline, and {@code min-hits: 3} alone three hits anywhere).
	 * {@code in: about} asks for the aboutness rule and takes no {@code min-hits}.
	 * @param in {@code about}, {@code headline}, {@code lead} or {@code anywhere}, or
	 * {@code null}
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
				throw new IllegalArgumentException("in: must be about, headline, lead or anywhere, not \"" + in + "\"");
			}
		}
		if (region == Region.ABOUT) {
			if (minHitsGiven) {
				throw new IllegalArgumentException(
						"min-hits: does not go with in: about, which weighs every hit; leave one of them out");
			}
			return ABOUT;
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
	 * @param aboutness the article's aboutness for the query, worked out as far as asked
	 */
	boolean admits(ArticleText article, List<ArticleHit> hits, Aboutness.Weighing aboutness) {
		if (this.in == Region.ABOUT) {
			return aboutness.reaches(this.threshold);
		}
		boolean regionDemanded = this.in != Region.ANYWHERE;
		boolean countDemanded = this.minHits > 1;
		boolean frequent = hits.size() >= this.minHits;
		if (!regionDemanded) {
			return frequent;
		}
		boolean prominent = inRegion(article, hits);
		return countDemanded ? (prominent || frequent) : prominent;
	}

	/**
	 * Why an article with these hits is in or out, in a few words.
	 */
	String reason(ArticleText article, List<ArticleHit> hits, Aboutness.Weighing aboutness) {
		if (this.in == Region.ABOUT) {
			return aboutness.exact().reason(this.threshold);
		}
		String verdict = admits(article, hits, aboutness) ? "in: " : "out: ";
		String count = hits.size() + ((hits.size() == 1) ? " hit" : " hits");
		if (this.in == Region.ANYWHERE) {
			return verdict + count + ", " + this.minHits + " wanted";
		}
		String region = this.in.name().toLowerCase(Locale.ROOT);
		return verdict + (inRegion(article, hits) ? "a hit in the " : "no hit in the ") + region + ", " + count
				+ ((this.minHits > 1) ? " (" + this.minHits + " also suffice)" : "");
	}

	@Override
	public String toString() {
		return (this.in == Region.ABOUT) ? "about >= " + this.threshold
				: "in " + this.in.name().toLowerCase(Locale.ROOT) + ", min-hits " + this.minHits;
	}

	private boolean inRegion(ArticleText article, List<ArticleHit> hits) {
		int leadEnd = (this.in == Region.LEAD) ? article.leadEnd() : -1;
		for (ArticleHit hit : hits) {
			if (hit.inHeadline() || hit.inPlace() || (hit.inBody() && hit.start() < leadEnd)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where in an article a hit counts as prominent.
	 */
	public enum Region {

		/** The story must be about the topic ({@link Aboutness}). */
		ABOUT,

		/** The headline only. */
		HEADLINE,

		/** The headline or the first paragraph of the body. */
		LEAD,

		/** Anywhere: no demand. */
		ANYWHERE

	}

}
