package news.dispatch.digest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.delivery.ComposedMessage;
import news.dispatch.delivery.Composer;
import news.dispatch.delivery.Deliveries;
import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.MailTemplates;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.ArticleMatches;
import news.dispatch.topic.Passage;
import news.dispatch.topic.Topic;
import news.dispatch.topic.Topics;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Composes a digest from its ledger row: the planned articles grouped by topic, those
 * that matched the subscriber's own keywords in a section of their own, rendered with
 * {@code templates/digest.*}.
 */
@Component
class DigestComposer implements Composer {

	private static final String MORE_NEWS = "More news";

	private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

	private final Deliveries deliveries;

	private final Articles articles;

	private final ArticleMatches matches;

	private final Topics topics;

	private final Subscribers subscribers;

	private final SubscriberLinks links;

	private final MailTemplates templates;

	private final DispatchSettings settings;

	private final DigestSettings digestSettings;

	DigestComposer(Deliveries deliveries, Articles articles, ArticleMatches matches, Topics topics,
			Subscribers subscribers, SubscriberLinks links, MailTemplates templates, DispatchSettings settings,
			DigestSettings digestSettings) {
		this.deliveries = deliveries;
		this.articles = articles;
		this.matches = matches;
		this.topics = topics;
		this.subscribers = subscribers;
		this.links = links;
		this.templates = templates;
		this.settings = settings;
		this.digestSettings = digestSettings;
	}

	@Override
	public String kind() {
		return DigestJob.KIND;
	}

	@Override
	public Optional<ComposedMessage> compose(Delivery delivery) {
		Optional<Subscriber> found = this.subscribers.find(delivery.subscriberId());
		if (found.isEmpty() || !found.get().status().equals("ACTIVE")) {
			return Optional.empty();
		}
		Subscriber subscriber = found.get();
		DigestModel model = model(delivery, subscriber);
		String unsubscribe = model.links().unsubscribe();
		return Optional.of(new ComposedMessage(subscriber.email(), subscriber.name(),
				this.templates.render("digest.subject.ftl", model), this.templates.render("digest.txt.ftl", model),
				this.templates.render("digest.html.ftlh", model), unsubscribe));
	}

	DigestModel model(Delivery delivery, Subscriber subscriber) {
		List<Deliveries.Item> items = this.deliveries.items(delivery.id());
		List<Long> ids = items.stream().map(Deliveries.Item::articleId).toList();
		Map<Long, Article> byId = this.articles.findAll(ids)
			.stream()
			.collect(Collectors.toMap(Article::id, Function.identity()));
		Map<Long, Map<Long, ArticleMatches.Match>> matched = this.matches.find(ids);
		Map<Long, Passage> byKeywords = this.matches.keywordPassages(subscriber.id(), ids);
		Map<Long, String> topicNames = this.topics.findAll().stream().collect(Collectors.toMap(Topic::id, Topic::name));
		Map<String, List<DigestModel.Item>> sections = new LinkedHashMap<>();
		Set<String> matchedTopics = new LinkedHashSet<>();
		for (Deliveries.Item item : items) {
			Article article = byId.get(item.articleId());
			if (article == null) {
				continue;
			}
			String topic;
			@Nullable Passage found;
			if (item.topicId() != null) {
				topic = topicNames.getOrDefault(item.topicId(), MORE_NEWS);
				ArticleMatches.Match match = matched.getOrDefault(article.id(), Map.of()).get(item.topicId());
				found = (match != null) ? match.passage() : null;
			}
			else {
				// no topic: listed for the subscriber's keywords, or its topic was
				// deleted
				found = byKeywords.get(article.id());
				topic = (found != null) ? this.digestSettings.keywordsHeading() : MORE_NEWS;
			}
			List<Passage.Part> passage = (found != null) ? found.parts() : List.of();
			matchedTopics.add(topic);
			sections.computeIfAbsent(topic, (name) -> new ArrayList<>())
				.add(new DigestModel.Item(article.headline(), (article.url() != null) ? article.url() : "",
						article.lead(), passage, List.of()));
		}
		for (Deliveries.Item item : items) {
			matched.getOrDefault(item.articleId(), Map.of())
				.keySet()
				.stream()
				.map(topicNames::get)
				.filter(subscriber.topics()::contains)
				.forEach(matchedTopics::add);
		}
		LocalDate edition = LocalDate.parse(delivery.key());
		return new DigestModel(new DigestModel.Recipient(subscriber.name(), subscriber.email(), subscriber.topics()),
				new DigestModel.Edition(edition.toString(), TITLE.format(edition)),
				sections.entrySet().stream().map((e) -> new DigestModel.Section(e.getKey(), e.getValue())).toList(),
				List.copyOf(matchedTopics), byId.size(),
				new DigestModel.Links(this.links.unsubscribe(subscriber.id()), this.links.preferences(subscriber.id())),
				new DigestModel.Site(this.settings.site().name(), this.settings.site().url()));
	}

}
