package news.dispatch.topic;

import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Fits a topic's aboutness threshold to editors' judgements: the threshold with the best
 * F1 on the judged stories, and of equally good ones the nearest to the default, so that
 * a few judgements move it no further than they must.
 * <p>
 * A story the query does not match stays out at any threshold; it counts against recall
 * when it was judged about the topic.
 */
final class ThresholdFit {

	private ThresholdFit() {
	}

	/**
	 * One judged story: its aboutness score, or {@code null} when the query does not
	 * match it, and whether an editor judged it about the topic.
	 */
	record Judged(@Nullable Double score, boolean about) {
	}

	/**
	 * Precision and recall of a threshold on the judged stories.
	 *
	 * @param threshold the threshold
	 * @param precision the share of the stories it lets in that are about the topic (1
	 * when it lets none in)
	 * @param recall the share of the stories about the topic it lets in (1 when none is)
	 * @param in how many judged stories it lets in
	 */
	record Result(double threshold, double precision, double recall, int in) {

		double f1() {
			return (this.precision + this.recall == 0) ? 0
					: 2 * this.precision * this.recall / (this.precision + this.recall);
		}

	}

	/**
	 * Precision and recall of a threshold.
	 */
	static Result at(double threshold, List<Judged> judged) {
		int truePositives = 0;
		int in = 0;
		int about = 0;
		for (Judged story : judged) {
			boolean admitted = story.score() != null && story.score() >= threshold;
			in += admitted ? 1 : 0;
			about += story.about() ? 1 : 0;
			truePositives += (admitted && story.about()) ? 1 : 0;
		}
		double precision = (in == 0) ? 1 : (double) truePositives / in;
		double recall = (about == 0) ? 1 : (double) truePositives / about;
		return new Result(threshold, precision, recall, in);
	}

	/**
	 * The best threshold for these judgements, starting from {@code current}; the current
	 * one when no story was judged about the topic, since no threshold can then be better
	 * than another on F1.
	 */
	static Result fit(double current, List<Judged> judged) {
		Result best = at(current, judged);
		if (judged.stream().noneMatch(Judged::about)) {
			return best;
		}
		TreeSet<Double> candidates = new TreeSet<>();
		judged.stream().filter((story) -> story.score() != null).forEach((story) -> candidates.add(story.score()));
		for (double threshold : candidates) {
			Result result = at(threshold, judged);
			boolean better = result.f1() > best.f1() + 1e-9;
			boolean asGoodAndNearer = Math.abs(result.f1() - best.f1()) <= 1e-9
					&& Math.abs(threshold - Aboutness.THRESHOLD) < Math.abs(best.threshold() - Aboutness.THRESHOLD);
			if (better || asGoodAndNearer) {
				best = result;
			}
		}
		return best;
	}

}
