package news.dispatch.topic;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

/**
 * How much a story is about a topic, read from where and how often its query hits, as an
 * editor reads a story: its subject is in the headline, the dateline and the lead; a
 * passing mention is one hit in a later paragraph of a long story.
 * <p>
 * The score adds up four parts:
 * <ul>
 * <li>{@value #HEADLINE} for a hit in the headline;</li>
 * <li>{@value #PLACE} for a hit in the story's place: its dateline, or the lead when it
 * names the topic as the one country it names and names no other known place
 * ({@link ArticleText#leadCountry()}): a story from London whose lead speaks of Iraq
 * alone is placed in Iraq;</li>
 * <li>{@value #LEAD} for a hit in the lead: the first paragraph, at most its first two
 * sentences;</li>
 * <li>{@value #SHARE} times the share of the body's sentences that hit, counting a story
 * of fewer than {@value #MIN_SENTENCES} sentences as that long, so that one mention in a
 * three-line story is not a third of it.</li>
 * </ul>
 * A person named in full and later by surname alone hits there as well (see
 * {@link Surnames}). A story is about the topic when its score reaches the threshold,
 * {@value #THRESHOLD} unless the topic's judgements taught it another (see
 * {@link ThresholdFit}).
 *
 * @param score the sum of the parts, rounded to two decimals
 * @param headline whether the headline hits
 * @param place whether the place (dateline) hits
 * @param soleCountry whether the one country the lead names, and no other, is the topic's
 * @param lead whether the lead hits
 * @param hitSentences how many of the body's sentences hit
 * @param sentences how many sentences the body has
 */
record Aboutness(double score, boolean headline, boolean place, boolean soleCountry, boolean lead, int hitSentences,
		int sentences) {

	/** Score of a hit in the headline. */
	static final double HEADLINE = 1.0;

	/** Score of a hit in the story's place. */
	static final double PLACE = 1.0;

	/** Score of a hit in the lead. */
	static final double LEAD = 0.5;

	/** Score of a story whose every sentence hits. */
	static final double SHARE = 3.0;

	/** Stories shorter than this many sentences count as this long. */
	static final int MIN_SENTENCES = 5;

	/** The score a story about the topic reaches, by default. */
	static final double THRESHOLD = 1.0;

	/**
	 * Weigh the hits of one query in one article.
	 */
	static Aboutness of(ArticleText article, List<ArticleHit> queryHits, QueryShape shape) {
		return weigh(article, queryHits, Surnames.of(article, queryHits), shape.query());
	}

	/**
	 * Weigh the hits; with {@code whole}, a part of a story hit by the query counts only
	 * when it matches the whole query by itself; without, every hit counts, which gives
	 * an upper bound of the score.
	 */
	private static Aboutness weigh(ArticleText article, List<ArticleHit> queryHits, List<ArticleHit> surnames,
			@Nullable Query whole) {
		boolean headline = false;
		boolean place = false;
		boolean countryInLead = false;
		boolean lead = false;
		int datelineEnd = article.datelineEnd();
		int leadEnd = article.leadEnd();
		List<int[]> sentences = article.sentences();
		// per sentence: 0 not hit, 1 hit by part of the query only, 2 speaks of the topic
		byte[] hit = new byte[sentences.size()];
		for (ArticleHit h : queryHits) {
			if (h.inHeadline()) {
				headline = headline || whole == null || article.matchesAlone(ArticleText.HEADLINE, whole);
			}
			else if (h.inPlace() || h.start() < datelineEnd) {
				place = true;
			}
			else {
				if (h.start() < leadEnd) {
					lead = lead || whole == null || article.matchesAlone(ArticleText.LEAD, whole);
					countryInLead = countryInLead || KnownPlaces.isForm(
							article.body().substring(h.start(), Math.min(h.end(), article.body().length())),
							article.leadCountry());
				}
				int sentence = sentenceOf(sentences, h.start());
				if (sentence >= 0 && hit[sentence] == 0) {
					hit[sentence] = (byte) ((whole == null || article.matchesAlone(sentence, whole)) ? 2 : 1);
				}
			}
		}
		for (ArticleHit h : surnames) {
			if (h.inHeadline()) {
				headline = true;
			}
			else {
				lead |= h.start() < leadEnd;
				int sentence = sentenceOf(sentences, h.start());
				if (sentence >= 0) {
					hit[sentence] = 2;
				}
			}
		}
		int hitSentences = 0;
		for (byte sentence : hit) {
			hitSentences += (sentence == 2) ? 1 : 0;
		}
		double share = (double) hitSentences / Math.max(sentences.size(), MIN_SENTENCES);
		boolean soleCountry = lead && countryInLead;
		double score = (headline ? HEADLINE : 0) + ((place || soleCountry) ? PLACE : 0) + (lead ? LEAD : 0)
				+ SHARE * share;
		return new Aboutness(Math.round(score * 100) / 100.0, headline, place, soleCountry, lead, hitSentences,
				sentences.size());
	}

	/**
	 * The aboutness of one query's hits in one article, worked out only as far as a
	 * decision needs: most matches are passing mentions whose upper bound already falls
	 * short, and a query of alternatives needs no part of the story asked alone.
	 * <p>
	 * Not thread-safe: one per match.
	 */
	static final class Weighing {

		private final ArticleText article;

		private final List<ArticleHit> hits;

		private final Supplier<QueryShape> shapeOfQuery;

		private @Nullable QueryShape shape;

		private @Nullable List<ArticleHit> surnames;

		private @Nullable Aboutness upper;

		private @Nullable Aboutness exact;

		/**
		 * @param shape the query's shape, asked for only when a decision needs it
		 */
		Weighing(ArticleText article, List<ArticleHit> hits, Supplier<QueryShape> shape) {
			this.article = article;
			this.hits = hits;
			this.shapeOfQuery = shape;
		}

		/**
		 * Whether the story reaches the threshold.
		 */
		boolean reaches(double threshold) {
			if (this.exact != null) {
				return this.exact.reaches(threshold);
			}
			if (this.upper == null) {
				this.upper = weigh(this.article, this.hits, surnames(), null);
			}
			if (!this.upper.reaches(threshold)) {
				return false;
			}
			if (shape().query() == null) {
				this.exact = this.upper;
			}
			return exact().reaches(threshold);
		}

		/**
		 * The aboutness, worked out in full.
		 */
		Aboutness exact() {
			if (this.exact == null) {
				this.exact = weigh(this.article, this.hits, surnames(), shape().query());
			}
			return this.exact;
		}

		private QueryShape shape() {
			if (this.shape == null) {
				this.shape = this.shapeOfQuery.get();
			}
			return this.shape;
		}

		private List<ArticleHit> surnames() {
			if (this.surnames == null) {
				this.surnames = Surnames.of(this.article, this.hits);
			}
			return this.surnames;
		}

	}

	private static int sentenceOf(List<int[]> sentences, int offset) {
		int low = 0;
		int high = sentences.size() - 1;
		while (low <= high) {
			int mid = (low + high) >>> 1;
			int[] sentence = sentences.get(mid);
			if (offset < sentence[0]) {
				high = mid - 1;
			}
			else if (offset >= sentence[1]) {
				low = mid + 1;
			}
			else {
				return mid;
			}
		}
		return -1;
	}

	/**
	 * Whether the story is about the topic at this threshold.
	 */
	boolean reaches(double threshold) {
		return this.score >= threshold;
	}

	/**
	 * The part that decided, in words: what put the story in, or why it stayed out.
	 */
	String reason(double threshold) {
		String sentencesHit = this.hitSentences + " of " + this.sentences + " sentences";
		if (reaches(threshold)) {
			if (this.headline) {
				return "in: the headline names it";
			}
			if (this.place) {
				return "in: the dateline names it";
			}
			if (this.soleCountry) {
				return "in: the lead names this country and no other";
			}
			return this.lead ? "in: the lead names it and " + sentencesHit + " do" : "in: " + sentencesHit + " name it";
		}
		if (this.headline || this.place || this.soleCountry || this.lead) {
			String where = this.headline ? "the headline" : this.place ? "the dateline" : "the lead";
			return "out: " + where + " names it but only " + sentencesHit + " do";
		}
		return (this.hitSentences <= 1) ? "out: a passing mention, " + sentencesHit
				: "out: not in the headline, dateline or lead and only " + sentencesHit;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%.2f (headline %s, place %s, sole country %s, lead %s, %d of %d sentences)",
				this.score, this.headline, this.place, this.soleCountry, this.lead, this.hitSentences, this.sentences);
	}

}
