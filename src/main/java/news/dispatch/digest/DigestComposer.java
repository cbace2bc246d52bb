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
import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.LedgerPlans;
import news.dispatch.delivery.MailTemplates;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.ArticleMatches;
import news.dispatch.topic.Passage;
import news.dispatch.topic.Topic;
import news.dispatch.topic.Topics;
import news.dispatch.tracking.ClickLinks;
import news.dispatch.tracking.ClickLinks;
import news.dispatch.tracking.TrackingSettings;
import news.dispatch.tracking.TrackingSettings;
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

	private final LedgerPlans plans;

	private final Articles articles;

	private final ArticleMatches matches;

	private final Topics topics;

	private final Subscribers subscribers;

	private final SubscriberLinks links;

	private final MailTemplates templates;

	private final DispatchSettings settings;

	private final DigestSettings digestSettings;

	private final ClickLinks clickLinks;

	private final TrackingSettings tracking;

	DigestComposer(LedgerPlans plans, Articles articles, ArticleMatches matches, Topics topics, Subscribers subscribers,
			SubscriberLinks links, MailTemplates templates, DispatchSettings settings, DigestSettings digestSettings,
			ClickLinks clickLinks, TrackingSettings tracking) {
		this.clickLinks = clickLinks;
		this.tracking = tracking;
		this.plans = plans;
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
	public LedgerKey.Kind kind() {
		return LedgerKey.Kind.DIGEST;
	}

	@Override
	public Optional<ComposedMessage> compose(Delivery delivery) {
		return composeAll(List.of(delivery)).getOrDefault(delivery.id(), Optional.empty());
	}

	/**
	 * Loads what the messages need (subscribers, planned articles, matches, topic names)
	 * in a handful of queries for them all, then renders each. A subscriber no longer
	 * active (unsubscribed, suppressed, gone) gets nothing.
	 */
	@Override
	public Map<Long, Optional<ComposedMessage>> composeAll(List<Delivery> deliveries) {
		Map<Long, Subscriber> recipients = this.subscribers
			.findAll(deliveries.stream().map(Delivery::subscriberId).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Subscriber::id, Function.identity()));
		Map<Long, List<LedgerPlans.Item>> items = this.plans.items(deliveries.stream().map(Delivery::id).toList());
		Set<Long> ids = new LinkedHashSet<>();
		items.values().forEach((list) -> list.forEach((item) -> ids.add(item.articleId())));
		Shared shared = new Shared(
				this.articles.findAll(List.copyOf(ids))
					.stream()
					.collect(Collectors.toMap(Article::id, Function.identity())),
				this.matches.find(ids),
				this.topics.findAll().stream().collect(Collectors.toMap(Topic::id, Topic::name)),
				this.articles.alsoIn(List.copyOf(ids)));
		Map<Long, Optional<ComposedMessage>> composed = new LinkedHashMap<>();
		for (Delivery delivery : deliveries) {
			Subscriber subscriber = recipients.get(delivery.subscriberId());
			if (subscriber == null || !subscriber.active()) {
				composed.put(delivery.id(), Optional.empty());
				continue;
			}
			DigestModel model = model(delivery, subscriber, items.getOrDefault(delivery.id(), List.of()), shared);
			composed.put(delivery.id(), Optional.of(new ComposedMessage(subscriber.email(), subscriber.name(),
					this.templates.render("digest.subject.ftl", model), this.templates.render("digest.txt.ftl", model),
					this.templates.render("digest.html.ftlh", model), model.links().unsubscribe())));
		}
		return composed;
	}

	/**
	 * What the messages of one batch share.
	 */
	private record Shared(Map<Long, Article> articles, Map<Long, Map<Long, ArticleMatches.Match>> matched,
			Map<Long, String> topicNames, Map<Long, List<String>> alsoIn) {
	}

	/**
	 * The story's link: through {@code /r/...}, counted, when tracking is on, the reader
	 * has not turned it off, and the story has an address of the web.
	 */
	private String link(Delivery delivery, Subscriber subscriber, Article article, @Nullable Long topicId) {
		String url = article.url();
		if (url == null) {
			return "";
		}
		if (!this.tracking.enabled() || !subscriber.linkTracking()
				|| !(url.startsWith("https://") || url.startsWith("http://"))) {
			return url;
		}
		return this.clickLinks.link(new ClickLinks.Click(delivery.key(), delivery.id(), article.id(), topicId));
	}

	private DigestModel model(Delivery delivery, Subscriber subscriber, List<LedgerPlans.Item> items, Shared shared) {
		Map<Long, Article> byId = shared.articles();
		Map<Long, Map<Long, ArticleMatches.Match>> matched = shared.matched();
		Map<Long, String> topicNames = shared.topicNames();
		Map<Long, List<String>> alsoIn = shared.alsoIn();
		Map<Long, Passage> byKeywords = items.stream().anyMatch((item) -> item.topicId() == null) ? this.matches
			.keywordPassages(subscriber.id(), items.stream().map(LedgerPlans.Item::articleId).toList()) : Map.of();
		Map<String, List<DigestModel.Item>> sections = new LinkedHashMap<>();
		Set<String> matchedTopics = new LinkedHashSet<>();
		int count = 0;
		for (LedgerPlans.Item item : items) {
			Article article = byId.get(item.articleId());
			if (article == null) {
				continue;
			}
			count++;
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
				.add(new DigestModel.Item(article.headline(), link(delivery, subscriber, article, item.topicId()),
						article.lead(), passage, alsoIn.getOrDefault(article.id(), List.of())));
		}
		for (LedgerPlans.Item item : items) {
			matched.getOrDefault(item.articleId(), Map.of())
				.keySet()
				.stream()
				.map(topicNames::get)
				.filter(subscriber.topics()::contains)
				.forEach(matchedTopics::add);
		}
		LocalDate edition = delivery.key().edition();
		return new DigestModel(new DigestModel.Recipient(subscriber.name(), subscriber.email(), subscriber.topics()),
				new DigestModel.Edition(edition.toString(), TITLE.format(edition)),
				sections.entrySet().stream().map((e) -> new DigestModel.Section(e.getKey(), e.getValue())).toList(),
				List.copyOf(matchedTopics), count,
				new DigestModel.Links(this.links.unsubscribe(subscriber.id()), this.links.preferences(subscriber.id()),
						this.links.webCopy(subscriber.id(), delivery.id())),
				new DigestModel.Site(this.settings.site().name(), this.settings.site().url()));
	}

}
