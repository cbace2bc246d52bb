package news.dispatch.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import news.dispatch.delivery.Deliveries;
import news.dispatch.subscriber.Subscribers.Following;
import news.dispatch.topic.ArticleMatches;
import news.dispatch.topic.ArticleMatches.Candidate;

import org.springframework.stereotype.Component;

/**
 * Decides what one subscriber's edition holds: the articles matching the topics they
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

	List<Deliveries.Item> plan(Following subscriber, LocalDate edition, ZoneId zone) {
		Instant since = edition.minusDays(this.settings.lookbackDays()).atStartOfDay(zone).toInstant();
		List<Candidate> all = new ArrayList<>(this.matches.candidates(subscriber.topicIds(), since));
		all.addAll(this.matches.keywordCandidates(subscriber.subscriberId(), since));
		all.sort(BEST_FIRST);
		Map<Long, Candidate> best = new LinkedHashMap<>();
		for (Candidate candidate : all) {
			best.putIfAbsent(candidate.articleId(), candidate);
		}
		Set<Long> given = this.deliveries.alreadyGiven(subscriber.subscriberId(), best.keySet());
		List<Deliveries.Item> items = new ArrayList<>();
		for (Candidate candidate : best.values()) {
			if (items.size() == this.settings.maxArticles()) {
				break;
			}
			if (!given.contains(candidate.articleId())) {
				items.add(new Deliveries.Item(candidate.articleId(), candidate.topicId()));
			}
		}
		return items;
	}

}
