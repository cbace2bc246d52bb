package news.dispatch.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import news.dispatch.delivery.EarlierPlans;
import news.dispatch.delivery.LedgerPlans;
import news.dispatch.subscriber.Recipients.Following;
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
		.thenComparingLong(Candidate::articleId)
		.thenComparing(Candidate::topicId, Comparator.nullsLast(Comparator.naturalOrder()));

	private final ArticleMatches matches;

	private final EarlierPlans earlier;

	private final DigestSettings settings;

	DigestPlanner(ArticleMatches matches, EarlierPlans earlier, DigestSettings settings) {
		this.matches = matches;
		this.earlier = earlier;
		this.settings = settings;
	}

	/**
	 * What an edition holds for several subscribers: a group for each set of topics
	 * followed by subscribers without keyword matches of their own, its articles decided
	 * once; a list of its own for each subscriber with keyword matches, and for each
	 * member of a group who already had one of the group's articles.
	 *
	 * @param groups readers who get the same articles
	 * @param own readers whose articles differ
	 */
	record Plan(List<LedgerPlans.Group> groups, List<LedgerPlans.Planned> own) {

	}

	/**
	 * Plans the edition for several subscribers (in id order) with a few queries, however
	 * many they are: the candidates of every topic they follow, their keyword matches and
	 * what they already had. Subscribers with nothing new are left out. The result is the
	 * one {@link #planEach} gives, with the readers who get the same articles grouped.
	 */
	Plan plan(List<Following> subscribers, LocalDate edition, ZoneId zone) {
		if (subscribers.isEmpty()) {
			return new Plan(List.of(), List.of());
		}
		Instant since = since(edition, zone);
		Set<Long> topics = new HashSet<>();
		long from = Long.MAX_VALUE;
		long to = Long.MIN_VALUE;
		for (Following subscriber : subscribers) {
			topics.addAll(subscriber.topicIds());
			from = Math.min(from, subscriber.subscriberId());
			to = Math.max(to, subscriber.subscriberId());
		}
		List<Candidate> topicCandidates = this.matches.candidates(topics, since);
		Map<Long, List<Candidate>> keywordCandidates = this.matches.keywordCandidates(from, to, since);
		Set<Long> articleIds = new HashSet<>();
		topicCandidates.forEach((candidate) -> articleIds.add(candidate.articleId()));
		Map<List<Long>, List<Long>> byTopics = new LinkedHashMap<>();
		List<Following> others = new ArrayList<>();
		for (Following subscriber : subscribers) {
			List<Candidate> own = keywordCandidates.get(subscriber.subscriberId());
			if (own == null || own.isEmpty()) {
				List<Long> follows = subscriber.topicIds().stream().sorted().distinct().toList();
				byTopics.computeIfAbsent(follows, (key) -> new ArrayList<>()).add(subscriber.subscriberId());
			}
			else {
				others.add(subscriber);
				own.forEach((candidate) -> articleIds.add(candidate.articleId()));
			}
		}
		Map<Long, Set<Long>> given = this.earlier
			.alreadyGiven(subscribers.stream().map(Following::subscriberId).toList(), articleIds);
		List<LedgerPlans.Group> groups = new ArrayList<>();
		List<LedgerPlans.Planned> own = new ArrayList<>();
		for (Map.Entry<List<Long>, List<Long>> group : byTopics.entrySet()) {
			List<Candidate> ranked = ranked(topicCandidates, new HashSet<>(group.getKey()), List.of());
			List<LedgerPlans.Item> items = choose(ranked, Set.of());
			if (items.isEmpty()) {
				continue;
			}
			Set<Long> listed = new HashSet<>();
			items.forEach((item) -> listed.add(item.articleId()));
			List<Long> members = new ArrayList<>();
			for (long subscriber : group.getValue()) {
				Set<Long> had = given.getOrDefault(subscriber, Set.of());
				// an article the reader had changes their list only if the group lists
				// it:
				// the others come after the last one listed
				if (had.stream().noneMatch(listed::contains)) {
					members.add(subscriber);
				}
				else {
					planned(subscriber, choose(ranked, had), own);
				}
			}
			if (!members.isEmpty()) {
				groups.add(new LedgerPlans.Group(items, members));
			}
		}
		for (Following subscriber : others) {
			List<Candidate> ranked = ranked(topicCandidates, new HashSet<>(subscriber.topicIds()),
					keywordCandidates.get(subscriber.subscriberId()));
			planned(subscriber.subscriberId(), choose(ranked, given.getOrDefault(subscriber.subscriberId(), Set.of())),
					own);
		}
		return new Plan(groups, own);
	}

	/**
	 * Plans the edition one subscriber at a time, as Dispatch did before readers were
	 * grouped: the reference {@link #plan} is held to (a keyword query per subscriber, a
	 * list of its own for every message).
	 */
	List<LedgerPlans.Planned> planEach(List<Following> subscribers, LocalDate edition, ZoneId zone) {
		Instant since = since(edition, zone);
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
		Map<Long, Set<Long>> given = this.earlier
			.alreadyGiven(subscribers.stream().map(Following::subscriberId).toList(), articleIds);
		List<LedgerPlans.Planned> planned = new ArrayList<>();
		for (Following subscriber : subscribers) {
			List<Candidate> ranked = ranked(topicCandidates, new HashSet<>(subscriber.topicIds()),
					keywordCandidates.getOrDefault(subscriber.subscriberId(), List.of()));
			planned(subscriber.subscriberId(), choose(ranked, given.getOrDefault(subscriber.subscriberId(), Set.of())),
					planned);
		}
		return planned;
	}

	private Instant since(LocalDate edition, ZoneId zone) {
		return edition.minusDays(this.settings.lookbackDays()).atStartOfDay(zone).toInstant();
	}

	private static List<Candidate> ranked(List<Candidate> topicCandidates, Set<Long> follows,
			List<Candidate> keywordCandidates) {
		List<Candidate> mine = new ArrayList<>();
		topicCandidates.stream().filter((candidate) -> follows.contains(candidate.topicId())).forEach(mine::add);
		mine.addAll(keywordCandidates);
		mine.sort(BEST_FIRST);
		return mine;
	}

	/**
	 * The first articles of the ranked candidates the reader has not had, each once, at
	 * most the configured number.
	 */
	private List<LedgerPlans.Item> choose(List<Candidate> ranked, Set<Long> had) {
		Set<Long> taken = new HashSet<>();
		List<LedgerPlans.Item> items = new ArrayList<>();
		for (Candidate candidate : ranked) {
			if (items.size() == this.settings.maxArticles()) {
				break;
			}
			if (!had.contains(candidate.articleId()) && taken.add(candidate.articleId())) {
				items.add(new LedgerPlans.Item(candidate.articleId(), candidate.topicId()));
			}
		}
		return items;
	}

	private static void planned(long subscriber, List<LedgerPlans.Item> items, List<LedgerPlans.Planned> into) {
		if (!items.isEmpty()) {
			into.add(new LedgerPlans.Planned(subscriber, items));
		}
	}

}
