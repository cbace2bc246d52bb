package news.dispatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import news.dispatch.delivery.EarlierPlans;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.subscriber.Recipients;
import news.dispatch.subscriber.Recipients.Alertable;
import news.dispatch.topic.ArticleMatches;

import org.springframework.stereotype.Component;

/**
 * Who an alert for an article goes to: active readers with alerts on, not paused, who
 * follow a topic the article matched or whose own keywords matched it; of those, the ones
 * who have had their daily cap of alerts are over the cap, and the ones in their quiet
 * hours are held (their digest carries the story instead).
 */
@Component
class Audience {

	private final ArticleMatches matches;

	private final Recipients recipients;

	private final EarlierPlans earlier;

	private final AlertSettings settings;

	Audience(ArticleMatches matches, Recipients recipients, EarlierPlans earlier, AlertSettings settings) {
		this.matches = matches;
		this.recipients = recipients;
		this.earlier = earlier;
		this.settings = settings;
	}

	/**
	 * The audience of an alert for one article, decided at {@code now}.
	 *
	 * @param topics the names of the topics the article matched, best match first
	 * @param keywordMatches how many readers' own keywords matched it (with or without
	 * alerts)
	 * @param send the readers it goes to now
	 * @param held readers in their quiet hours
	 * @param capped readers who have had their alerts for the day
	 */
	record Plan(List<String> topics, int keywordMatches, List<Long> send, List<Long> held, List<Long> capped) {

		int considered() {
			return this.send.size() + this.held.size() + this.capped.size();
		}

	}

	Plan plan(long articleId, Instant now) {
		List<String> topics = this.matches.topicNames(List.of(articleId)).getOrDefault(articleId, List.of());
		List<Long> topicIds = List
			.copyOf(this.matches.find(List.of(articleId)).getOrDefault(articleId, Map.of()).keySet());
		List<Long> byKeywords = this.matches.keywordSubscribers(articleId);
		List<Alertable> readers = this.recipients.alertable(topicIds, byKeywords, LocalDate.now(ZoneOffset.UTC));
		Map<Long, List<Instant>> earlier = (this.settings.dailyCap() > 0)
				? this.earlier.plannedSince(readers.stream().map(Alertable::subscriberId).toList(),
						now.minus(Duration.ofHours(26)), LedgerKey.alert(articleId))
				: Map.of();
		List<Long> send = new ArrayList<>();
		List<Long> held = new ArrayList<>();
		List<Long> capped = new ArrayList<>();
		for (Alertable reader : readers) {
			ZonedDateTime local = now.atZone(reader.timeZone());
			Instant dayStart = local.toLocalDate().atStartOfDay(reader.timeZone()).toInstant();
			long today = earlier.getOrDefault(reader.subscriberId(), List.of())
				.stream()
				.filter((planned) -> !planned.isBefore(dayStart))
				.count();
			if (this.settings.dailyCap() > 0 && today >= this.settings.dailyCap()) {
				capped.add(reader.subscriberId());
			}
			else if (this.settings.quiet(local.toLocalTime())) {
				held.add(reader.subscriberId());
			}
			else {
				send.add(reader.subscriberId());
			}
		}
		return new Plan(topics, byKeywords.size(), send, held, capped);
	}

}
