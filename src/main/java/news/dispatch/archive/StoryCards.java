package news.dispatch.archive;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.ArticleMatches;
import news.dispatch.topic.Passage;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Turns stored articles into the {@link Story} cards of a page, in three queries for a
 * whole page: the articles, their matches and where else they appeared.
 */
@Component
class StoryCards {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm", Locale.UK);

	private static final int LEAD = 240;

	private final Articles articles;

	private final ArticleMatches matches;

	private final ZoneId zone;

	StoryCards(Articles articles, ArticleMatches matches, DispatchSettings settings) {
		this.articles = articles;
		this.matches = matches;
		this.zone = settings.zone();
	}

	/**
	 * The cards of these articles in the order given; an article no longer stored is left
	 * out.
	 * @param topic the topic whose matched passage each card shows; null for none
	 * @param shown the archive's topics, for each card's links to the others
	 */
	List<Story> cards(List<Long> ids, @Nullable ArchiveTopic topic, Collection<ArchiveTopic> shown) {
		return sections(new java.util.LinkedHashMap<>(java.util.Collections.singletonMap(topic, ids)), shown)
			.get(topic);
	}

	/**
	 * The cards of several topics' articles, each with its topic's passage, loaded in the
	 * same three queries for them all (an edition's page).
	 */
	Map<@Nullable ArchiveTopic, List<Story>> sections(Map<@Nullable ArchiveTopic, List<Long>> idsByTopic,
			Collection<ArchiveTopic> shown) {
		List<Long> ids = idsByTopic.values().stream().flatMap(List::stream).distinct().toList();
		Map<@Nullable ArchiveTopic, List<Story>> sections = new java.util.LinkedHashMap<>();
		if (ids.isEmpty()) {
			idsByTopic.keySet().forEach((topic) -> sections.put(topic, List.of()));
			return sections;
		}
		Map<Long, Article> byId = this.articles.findAll(ids)
			.stream()
			.collect(Collectors.toMap(Article::id, Function.identity()));
		Map<Long, Map<Long, ArticleMatches.Match>> matched = this.matches.find(ids);
		Map<Long, List<String>> alsoIn = this.articles.alsoIn(ids);
		Map<Long, ArchiveTopic> topics = shown.stream()
			.collect(Collectors.toMap(ArchiveTopic::id, Function.identity()));
		idsByTopic.forEach((topic, its) -> {
			List<Story> cards = new ArrayList<>();
			for (long id : its) {
				Article article = byId.get(id);
				if (article != null) {
					cards.add(card(article, topic, matched.getOrDefault(id, Map.of()), alsoIn, topics));
				}
			}
			sections.put(topic, cards);
		});
		return sections;
	}

	private Story card(Article article, @Nullable ArchiveTopic topic, Map<Long, ArticleMatches.Match> its,
			Map<Long, List<String>> alsoIn, Map<Long, ArchiveTopic> topics) {
		ArticleMatches.Match match = (topic != null) ? its.get(topic.id()) : null;
		List<ArchiveTopic> itsTopics = its.values()
			.stream()
			.sorted((one, other) -> Double.compare(other.score(), one.score()))
			.map((m) -> topics.get(m.topicId()))
			.filter((t) -> t != null)
			.toList();
		long id = article.id();
		return new Story(id, article.headline(), webUrl(article.url()), source(article), iso(article.publishedAt()),
				TIME.format(article.publishedAt().atZone(this.zone)),
				(match != null) ? match.passage().parts() : List.<Passage.Part>of(), shorten(article.lead()),
				alsoIn.getOrDefault(id, List.of()).stream().map(StoryCards::sourceName).distinct().toList(), itsTopics);
	}

	static String iso(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	/**
	 * The address when it is an http(s) one: anything else (javascript:, data:) is never
	 * made a link.
	 */
	static String webUrl(@Nullable String url) {
		if (url == null) {
			return "";
		}
		String lower = url.strip().toLowerCase(Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? url.strip() : "";
	}

	private static String source(Article article) {
		String url = webUrl(article.url());
		if (!url.isEmpty()) {
			try {
				String host = URI.create(url).getHost();
				if (host != null) {
					return host.startsWith("www.") ? host.substring(4) : host;
				}
			}
			catch (IllegalArgumentException ex) {
				// not a well-formed address: fall back to the source's name
			}
		}
		return sourceName(article.source());
	}

	/**
	 * A source as readers know it: a feed's name as is, a folder's last part, never the
	 * server's path to it.
	 */
	static String sourceName(String source) {
		if (!webUrl(source).isEmpty()) {
			try {
				String host = URI.create(source.strip()).getHost();
				if (host != null) {
					return host.startsWith("www.") ? host.substring(4) : host;
				}
			}
			catch (IllegalArgumentException ex) {
				// not a well-formed address: its last part serves
			}
		}
		String trimmed = source.strip().replaceAll("[/\\\\]+$", "");
		int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
		return (slash >= 0) ? trimmed.substring(slash + 1) : trimmed;
	}

	private static String shorten(String lead) {
		String flat = lead.replaceAll("\\s+", " ").strip();
		if (flat.length() <= LEAD) {
			return flat;
		}
		int cut = flat.lastIndexOf(' ', LEAD);
		return flat.substring(0, (cut > LEAD / 2) ? cut : LEAD) + "…";
	}

}
