package news.dispatch.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.system.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Editors teach a topic what it is about: their judgements of stories fit the topic's
 * aboutness threshold ({@link ThresholdFit}), which is kept with the topic, and estimate
 * the precision {@code topics test} shows. A topic with no judgements keeps the default
 * threshold; a topic with a rule of hits ({@code in: lead}, {@code min-hits:}) is not
 * tuned.
 */
@Service
public class TopicTuning {

	private final Topics topics;

	private final TopicJudgements judgements;

	private final Articles articles;

	TopicTuning(Topics topics, TopicJudgements judgements, Articles articles) {
		this.topics = topics;
		this.judgements = judgements;
		this.articles = articles;
	}

	/**
	 * What tuning did to one topic.
	 *
	 * @param topic the topic, as it was before
	 * @param judged how many stories editors judged for it
	 * @param about how many of them they judged about it
	 * @param before precision and recall on the judgements at the threshold it had
	 * @param after the same at the fitted threshold, now kept; {@code null} when the
	 * topic was not tuned
	 * @param note why it was not tuned, or {@code null}
	 */
	public record Outcome(Topic topic, int judged, int about, Figures before, @Nullable Figures after,
			@Nullable String note) {
	}

	/**
	 * A threshold with its precision and recall on a topic's judgements.
	 */
	public record Figures(double threshold, double precision, double recall) {
	}

	/**
	 * Record an editor's judgement.
	 * @param topicName the topic's name, any case
	 * @param articleId the story
	 * @param about whether it is principally about the topic
	 * @return the topic
	 * @throws InvalidInputException if there is no such topic or story
	 */
	public Topic judge(String topicName, long articleId, boolean about) {
		Topic topic = topic(topicName);
		if (this.articles.find(articleId).isEmpty()) {
			throw new InvalidInputException(
					"There is no article " + articleId + "; find its id with: dispatch articles list.");
		}
		this.judgements.judge(topic.id(), articleId, about);
		return topic;
	}

	/**
	 * Fit the threshold of one topic, or of every topic, to its judgements and keep it.
	 * @param topicName a topic's name, or {@code null} for all
	 * @return one outcome per topic
	 * @throws InvalidInputException if there is no topic of that name
	 */
	public List<Outcome> tune(@Nullable String topicName) {
		List<Topic> chosen = (topicName != null) ? List.of(topic(topicName)) : this.topics.findAll();
		List<Outcome> outcomes = new ArrayList<>();
		for (Topic topic : chosen) {
			outcomes.add(tune(topic));
		}
		return outcomes;
	}

	private Outcome tune(Topic topic) {
		List<ThresholdFit.Judged> judged = judged(topic);
		int about = (int) judged.stream().filter(ThresholdFit.Judged::about).count();
		double threshold = topic.relevance().threshold();
		Figures before = figures(ThresholdFit.at(threshold, judged));
		if (topic.relevance().in() != Relevance.Region.ABOUT) {
			return new Outcome(topic, judged.size(), about, before, null,
					"it has a rule of hits (in: or min-hits:); import it without them to tune it");
		}
		if (judged.isEmpty()) {
			return new Outcome(topic, 0, 0, before, null, "no judgements; it keeps the default rule");
		}
		ThresholdFit.Result fitted = ThresholdFit.fit(threshold, judged);
		this.topics.saveThreshold(topic.id(), fitted.threshold());
		return new Outcome(topic, judged.size(), about, before, figures(fitted), null);
	}

	/**
	 * The precision of a topic's rule on its judgements, when it has any.
	 * @param topicName a topic's name
	 * @return the estimate, or empty when there is no such topic or no judgement
	 */
	public Optional<Figures> estimate(String topicName) {
		Optional<Topic> topic = this.topics.findByName(topicName);
		if (topic.isEmpty()) {
			return Optional.empty();
		}
		List<ThresholdFit.Judged> judged = judged(topic.get());
		if (judged.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(figures(ThresholdFit.at(topic.get().relevance().threshold(), judged)));
	}

	/**
	 * The topic's judged stories with their aboutness scores; a story its query matches
	 * but a rule of hits refuses scores nothing, as one it does not match.
	 */
	private List<ThresholdFit.Judged> judged(Topic topic) {
		Map<Long, Boolean> labels = this.judgements.of(topic.id());
		if (labels.isEmpty()) {
			return List.of();
		}
		Map<Long, Double> scores = new HashMap<>();
		boolean about = topic.relevance().in() == Relevance.Region.ABOUT;
		Relevance relevance = about ? Relevance.ABOUT : topic.relevance();
		try (TopicMatcher matcher = new TopicMatcher(Map.of("topic", topic.query()), Map.of("topic", relevance),
				(invalid) -> {
				})) {
			List<MatchableArticle> stories = new ArrayList<>();
			for (Article article : this.articles.findAll(List.copyOf(labels.keySet()))) {
				stories.add(new MatchableArticle(article.id(), article.headline(), article.body(), article.place()));
			}
			for (TopicMatcher.Trial trial : matcher.trial(stories)) {
				if (about) {
					scores.put(trial.match().articleId(), trial.aboutness().score());
				}
				else if (trial.admitted()) {
					scores.put(trial.match().articleId(), Double.MAX_VALUE);
				}
			}
		}
		List<ThresholdFit.Judged> judged = new ArrayList<>();
		labels.forEach((id, label) -> judged.add(new ThresholdFit.Judged(scores.get(id), label)));
		return judged;
	}

	private Topic topic(String name) {
		return this.topics.findByName(name)
			.orElseThrow(() -> new InvalidInputException(
					"There is no topic named \"" + name + "\"; see the names with: dispatch topics list."));
	}

	private static Figures figures(ThresholdFit.Result result) {
		return new Figures(result.threshold(), result.precision(), result.recall());
	}

}
