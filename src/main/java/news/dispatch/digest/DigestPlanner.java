package news.dispatch.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import news.dispatch.delivery.Deliveries;
import news.dispatch.subscriber.Subscribers.Following;
import news.dispatch.topic.ArticleMatches;
import news.dispatch.topic.ArticleMatches.Candidate;

import org.springframework.stereotype.Component;

/**
 * Decides what each subscriber's edition holds: the articles matching the topics they
 * follow or their own keywords, published within the look-back window, that no other
 * message has given them; each article once, under its best match (a topic wins a tie
 * with the keywords); best score first, then newest; at most the configured number.
 */
@Component
class DigestPlanner {

	private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::score)
		.reversed()
		.thenComparing(Candidate::publishedAt, Comparator.reverseOrder())
		.thenComparing((candidate) -> candidate.topicId() == null)
		.thenComparingLong(Candidate::articleId);

	private final ArticleMatches matches;

	private final Deliveries deliveries;

	private final DigestSettings settings;

	DigestPlanner(ArticleMatches matches, Deliveries deliveries, DigestSettings settings) {
		this.matches = matches;
		this.deliveries = deliveries;
		this.settings = settings;
	}

	/**
	 * Plans the edition for several subscribers: the candidates of every topic they
	 * follow in one query, each one's keyword matches, and what each has already had in
	 * one query. Subscribers with nothing new are left out.
	 */
	List<Deliveries.Planned> planAll(List<Following> subscribers, LocalDate edition, ZoneId zone) {
		Instant since = edition.minusDays(this.settings.lookbackDays()).atStartOfDay(zone).toInstant();
		Set<Long> topics = new HashSet<>();
		subscribers.forEach((subscriber) -> topics.addAll(subscriber.topicIds()));
		List<Candidate> topicCandidates = this.matches.candidates(topics, since);
		Map<Long, List<Candidate>> keywordCandidates = new HashMap<>();
		Set<Long> articleIds = new HashSet<>();
		topicCandidates.forEach((candidate) -> articleIds.add(candidate.articleId()));
		for (Following subscriber : subscribers) {
			List<Candidate> own = this.matches.keywordCandidates(subscriber.subscriberId(), since);
			keywordCandidates.put(subscriber.subscriberId(), own);
			own.forEach((candidate) -> articleIds.add(candidate.articleId()));
		}
		Map<Long, Set<Long>> given = this.deliveries
			.alreadyGiven(subscribers.stream().map(Following::subscriberId).toList(), articleIds);
		List<Deliveries.Planned> planned = new ArrayList<>();
		for (Following subscriber : subscribers) {
			Set<Long> follows = new HashSet<>(subscriber.topicIds());
			List<Candidate> mine = new ArrayList<>();
			topicCandidates.stream().filter((candidate) -> follows.contains(candidate.topicId())).forEach(mine::add);
			mine.addAll(keywordCandidates.getOrDefault(subscriber.subscriberId(), List.of()));
			mine.sort(BEST_FIRST);
			Set<Long> had = given.getOrDefault(subscriber.subscriberId(), Set.of());
			Set<Long> taken = new HashSet<>();
			List<Deliveries.Item> items = new ArrayList<>();
			for (Candidate candidate : mine) {
				if (items.size() == this.settings.maxArticles()) {
					break;
				}
				if (!had.contains(candidate.articleId()) && taken.add(candidate.articleId())) {
					items.add(new Deliveries.Item(candidate.articleId(), candidate.topicId()));
				}
			}
			if (!items.isEmpty()) {
				planned.add(new Deliveries.Planned(subscriber.subscriberId(), items));
			}
		}
		return planned;
	}

}
