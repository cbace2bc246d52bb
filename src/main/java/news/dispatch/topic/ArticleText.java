package news.dispatch.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

/**
 * An article being matched, with what every match of it needs worked out once: where the
 * lead and an inline dateline end and where its sentences are. An article can match
 * hundreds of queries; each match's score, relevance and passage read these instead of
 * scanning the body again.
 * <p>
 * Not thread-safe: one per article and matching thread.
 */
final class ArticleText {

	/**
	 * A wire dateline opening the body: a place in capitals, perhaps a state or country,
	 * an agency and a date, then a dash ("WASHINGTON, March 2 -", "NEW YORK (Reuters) -",
	 * "BUENOS AIRES, Feb 26 --").
	 */
	private static final Pattern DATELINE = Pattern
		.compile("\\s*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3})(?:, ([A-Z][A-Za-z.]+(?: [A-Z][a-z.]+)?))?"
				+ "(?: ?\\((?:Reuters|REUTERS|AP|AFP|UPI|dpa|PA)\\))?(?:,? [A-Z][a-z]{2,8}\\.? \\d{1,2})?"
				+ " ?(?:-{1,2}|\u2013|\u2014|_) ");

	/** The headline, as a part {@link #matchesAlone(int, Query)} can be asked about. */
	static final int HEADLINE = -2;

	/** The lead, likewise. */
	static final int LEAD = -1;

	private static final Analyzer ANALYZER = new TopicAnalyzer();

	/** Sentences of the first paragraph that still count as the lead. */
	static final int LEAD_SENTENCES = 2;

	private final MatchableArticle article;

	private int leadEnd = -1;

	private int datelineEnd = -1;

	private @Nullable String datelinePlace;

	private @Nullable List<String> placeValues;

	private String placeText = "";

	private @Nullable List<String> leadCountry;

	private @Nullable List<int[]> sentences;

	private @Nullable Map<Integer, MemoryIndex> parts;

	ArticleText(MatchableArticle article) {
		this.article = article;
	}

	MatchableArticle article() {
		return this.article;
	}

	String headline() {
		return this.article.headline();
	}

	String body() {
		return this.article.body();
	}

	/**
	 * The offset in the body where the lead ends: the first non-blank paragraph, but no
	 * more than its first {@value #LEAD_SENTENCES} sentences, so that copy whose
	 * paragraphs were lost does not count as all lead.
	 */
	int leadEnd() {
		if (this.leadEnd < 0) {
			int paragraphEnd = ArticleHits.leadEnd(this.article.body());
			List<int[]> sentences = sentences();
			int end = paragraphEnd;
			if (sentences.size() > LEAD_SENTENCES) {
				end = Math.min(end, sentences.get(LEAD_SENTENCES - 1)[1]);
			}
			this.leadEnd = end;
		}
		return this.leadEnd;
	}

	/**
	 * Where a wire dateline at the start of the body ends ("WASHINGTON, March 2 - "), or
	 * 0 when the body opens with none. A hit before it is a hit in the story's place.
	 */
	int datelineEnd() {
		if (this.datelineEnd < 0) {
			String body = this.article.body();
			Matcher dateline = DATELINE.matcher(body);
			dateline.region(0, Math.min(body.length(), 80));
			boolean found = dateline.lookingAt();
			this.datelineEnd = found ? dateline.end(1) : 0;
			if (found) {
				this.datelinePlace = dateline.group(1) + ((dateline.group(2) != null) ? ", " + dateline.group(2) : "");
			}
		}
		return this.datelineEnd;
	}

	/**
	 * What the matcher indexes before the body: the story's place, when it was kept apart
	 * from the body, then the forms of the country its place or inline dateline is in
	 * ({@link KnownPlaces#ofDateline(String)}), so that a story filed from Osaka hits
	 * {@code japan OR japanese} at its dateline. A hit in these is a hit in the place.
	 */
	List<String> placeValues() {
		if (this.placeValues == null) {
			String kept = this.article.place();
			datelineEnd();
			String place = (kept != null) ? kept : this.datelinePlace;
			List<String> values = new ArrayList<>();
			if (kept != null) {
				values.add(kept);
			}
			if (place != null) {
				values.addAll(KnownPlaces.ofDateline(place));
			}
			this.placeValues = List.copyOf(values);
			this.placeText = String.join(" ".repeat(TopicAnalyzer.OFFSET_GAP), values);
		}
		return this.placeValues;
	}

	/**
	 * The forms of the one country the lead names, when it names exactly one and no other
	 * known place ({@link KnownPlaces#soleCountryOf(CharSequence)}); empty otherwise.
	 */
	List<String> leadCountry() {
		if (this.leadCountry == null) {
			int start = datelineEnd();
			this.leadCountry = KnownPlaces.soleCountryOf(body().substring(start, Math.max(start, leadEnd())));
		}
		return this.leadCountry;
	}

	/**
	 * The place values as one text, in the offsets the index gives them.
	 */
	String placeText() {
		placeValues();
		return this.placeText;
	}

	/**
	 * Where the body's own text starts among the body field's offsets: after the place
	 * values and the analyzer's offset gap, or at 0 when there are none.
	 */
	int bodyOffset() {
		return placeValues().isEmpty() ? 0 : placeText().length() + TopicAnalyzer.OFFSET_GAP;
	}

	/**
	 * The body's sentences as {@code [start, end)} ranges, in order; not to be changed.
	 */
	List<int[]> sentences() {
		if (this.sentences == null) {
			this.sentences = Sentences.of(this.article.body());
		}
		return this.sentences;
	}

	/**
	 * Whether a part of the article matches a query by itself: the {@link #HEADLINE}, the
	 * {@link #LEAD} or the body sentence of that index. The headline can match every
	 * clause, a body part only those not restricted to the headline.
	 */
	boolean matchesAlone(int part, Query query) {
		if (this.parts == null) {
			this.parts = new HashMap<>();
		}
		MemoryIndex index = this.parts.computeIfAbsent(part, (key) -> {
			MemoryIndex memory = new MemoryIndex();
			if (key == HEADLINE) {
				memory.addField(QueryLanguage.HEADLINE, headline(), ANALYZER);
				memory.addField(QueryLanguage.BODY, headline(), ANALYZER);
			}
			else {
				int start = (key == LEAD) ? datelineEnd() : sentences().get(key)[0];
				int end = (key == LEAD) ? leadEnd() : sentences().get(key)[1];
				memory.addField(QueryLanguage.BODY, body().substring(start, Math.max(start, end)), ANALYZER);
			}
			return memory;
		});
		return index.search(query) > 0;
	}

}
