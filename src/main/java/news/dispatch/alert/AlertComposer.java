package news.dispatch.alert;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.delivery.ComposedMessage;
import news.dispatch.delivery.Composer;
import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.delivery.MailTemplates;
import news.dispatch.subscriber.Frequency;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.SubscriberLinks;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.ArticleMatches;
import news.dispatch.tracking.ClickLinks;
import news.dispatch.tracking.TrackingSettings;

import org.springframework.stereotype.Component;

/**
 * Composes an alert from its ledger row (edition key: the article id) with
 * {@code templates/alert.*}: the story, the editor's headline and note, and why the
 * reader gets it. Alerts have priority: digests pause while alerts wait.
 */
@Component
class AlertComposer implements Composer {

	private final Subscribers subscribers;

	private final Articles articles;

	private final ArticleMatches matches;

	private final AlertRequests requests;

	private final SubscriberLinks links;

	private final MailTemplates templates;

	private final DispatchSettings settings;

	private final ClickLinks clickLinks;

	private final TrackingSettings tracking;

	AlertComposer(Subscribers subscribers, Articles articles, ArticleMatches matches, AlertRequests requests,
			SubscriberLinks links, MailTemplates templates, DispatchSettings settings, ClickLinks clickLinks,
			TrackingSettings tracking) {
		this.clickLinks = clickLinks;
		this.tracking = tracking;
		this.subscribers = subscribers;
		this.articles = articles;
		this.matches = matches;
		this.requests = requests;
		this.links = links;
		this.templates = templates;
		this.settings = settings;
	}

	@Override
	public LedgerKey.Kind kind() {
		return LedgerKey.Kind.ALERT;
	}

	@Override
	public boolean priority() {
		return true;
	}

	@Override
	public Optional<ComposedMessage> compose(Delivery delivery) {
		return composeAll(List.of(delivery)).getOrDefault(delivery.id(), Optional.empty());
	}

	@Override
	public Map<Long, Optional<ComposedMessage>> composeAll(List<Delivery> deliveries) {
		Map<Long, Subscriber> recipients = this.subscribers
			.findAll(deliveries.stream().map(Delivery::subscriberId).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Subscriber::id, Function.identity()));
		Map<Long, Optional<Story>> stories = new HashMap<>();
		Map<Long, Optional<ComposedMessage>> composed = new LinkedHashMap<>();
		for (Delivery delivery : deliveries) {
			Subscriber subscriber = recipients.get(delivery.subscriberId());
			Optional<Story> story = stories.computeIfAbsent(delivery.key().articleId(), this::story);
			if (subscriber == null || !subscriber.active() || story.isEmpty()) {
				composed.put(delivery.id(), Optional.empty());
				continue;
			}
			composed.put(delivery.id(), Optional.of(render(subscriber, story.get(), delivery)));
		}
		return composed;
	}

	/**
	 * An article as alerted: the article, the editor's request, the topics it matched.
	 */
	record Story(Article article, Optional<AlertRequests.Request> request, List<String> topics) {
	}

	Optional<Story> story(long articleId) {
		return this.articles.find(articleId)
			.map((article) -> new Story(article, this.requests.find(articleId),
					this.matches.topicNames(List.of(articleId)).getOrDefault(articleId, List.of())));
	}

	/**
	 * The alert for one reader. The editor's headline and note, when given, are used
	 * instead of the stored request's (a preview before anything is saved).
	 * @param delivery the message's ledger row, for its web copy's and the story's links
	 */
	ComposedMessage render(Subscriber subscriber, Story story, Delivery delivery) {
		return render(subscriber, story,
				new AlertModel.Links(this.links.unsubscribe(subscriber.id()), this.links.preferences(subscriber.id()),
						this.links.webCopy(subscriber.id(), delivery.id())),
				link(delivery, subscriber, story.article()));
	}

	/**
	 * The story's link: through {@code /r/...}, counted (per story and alert; an alert is
	 * not listed under one topic), as a digest's are: when tracking is on, the reader has
	 * not turned it off, and the story has an address of the web.
	 */
	private String link(Delivery delivery, Subscriber subscriber, Article article) {
		String url = (article.url() != null) ? article.url() : "";
		if (!this.tracking.enabled() || !subscriber.linkTracking()
				|| !(url.startsWith("https://") || url.startsWith("http://"))) {
			return url;
		}
		return this.clickLinks.link(new ClickLinks.Click(delivery.key(), delivery.id(), article.id(), null));
	}

	/**
	 * The alert for a preview: a sample reader who follows the article's topics, whose
	 * unsubscribe and preferences links carry no token and so do nothing, so a preview
	 * shows no real reader's address and hands nobody a working link to a reader's
	 * settings.
	 */
	ComposedMessage sample(Story story) {
		Subscriber sample = new Subscriber(0, SAMPLE_EMAIL, "Sample Reader", story.topics(), Frequency.DAILY,
				java.time.ZoneOffset.UTC, 7, true, SubscriberStatus.ACTIVE, "", null, true, null, null);
		String site = this.settings.site().url().replaceAll("/+$", "");
		return render(sample, story,
				new AlertModel.Links(site + "/unsubscribe?token=" + INERT, site + "/preferences?token=" + INERT, ""),
				(story.article().url() != null) ? story.article().url() : "");
	}

	/** The sample reader's address in previews; no real reader's. */
	static final String SAMPLE_EMAIL = "sample.reader@example.com";

	/** The token of a preview's links: not a token, so the pages refuse it. */
	static final String INERT = "sample-preview-link";

	private ComposedMessage render(Subscriber subscriber, Story story, AlertModel.Links links, String url) {
		Article article = story.article();
		String headline = story.request()
			.map(AlertRequests.Request::headline)
			.filter((h) -> !h.isBlank())
			.orElse(article.headline());
		String note = story.request().map(AlertRequests.Request::note).orElse("");
		List<String> followed = story.topics().stream().filter(subscriber.topics()::contains).toList();
		AlertModel model = new AlertModel(
				new AlertModel.Recipient(subscriber.name(), subscriber.email(), subscriber.topics()),
				new AlertModel.Story(headline, url, article.lead(), (note != null) ? note : ""), followed,
				followed.isEmpty(), links,
				new AlertModel.Site(this.settings.site().name(), this.settings.site().url()));
		return new ComposedMessage(subscriber.email(), subscriber.name(),
				this.templates.render("alert.subject.ftl", model), this.templates.render("alert.txt.ftl", model),
				this.templates.render("alert.html.ftlh", model), model.links().unsubscribe());
	}

}
