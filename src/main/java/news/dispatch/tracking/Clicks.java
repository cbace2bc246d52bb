package news.dispatch.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.LedgerEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Clicks on the links of digests and alerts: each verified, sent on to the story's own
 * address and counted, as a reader's or, for a HEAD request, a known scanner's agent or a
 * click within {@code scanner-window} of the message being sent, as a link scanner's. Who
 * clicked is kept only with {@code dispatch.tracking.per-reader=true}. Counts are read
 * back per edition by {@link ClickStats} and as the counter
 * {@code dispatch.clicks{by=reader|scanner}}: the clicks this instance counted since it
 * started, as Prometheus counters are (its {@code rate} or {@code increase} summed over
 * the instances gives the whole site's clicks, at no cost to the database).
 */
@Repository
public class Clicks implements MeterBinder {

	private static final List<Pattern> SCANNERS = compile(
			List.of("bot\\b", "spider", "crawl", "scanner", "preview", "safelinks", "barracuda", "mimecast",
					"proofpoint", "python-requests", "curl/", "wget", "go-http-client", "headless", "java/", "okhttp"));

	private final JdbcClient jdbc;

	private final ClickLinks links;

	private final LedgerEntries entries;

	private final Articles articles;

	private final TrackingSettings settings;

	private final List<Pattern> scanners;

	private @Nullable Counter byReaders;

	private @Nullable Counter byScanners;

	Clicks(JdbcClient jdbc, ClickLinks links, LedgerEntries entries, Articles articles, TrackingSettings settings) {
		this.jdbc = jdbc;
		this.links = links;
		this.entries = entries;
		this.articles = articles;
		this.settings = settings;
		List<Pattern> all = new ArrayList<>(SCANNERS);
		all.addAll(compile(settings.scannerAgents()));
		this.scanners = List.copyOf(all);
	}

	/**
	 * Counts a click and gives where it leads: the story's own address; empty (and
	 * nothing counted) when the token is not one this server signed, or its story or
	 * message is gone or has no address.
	 */
	public Optional<String> click(String token, boolean head, @Nullable String userAgent, Instant now) {
		Optional<ClickLinks.Click> verified = this.links.verify(token);
		if (verified.isEmpty()) {
			return Optional.empty();
		}
		ClickLinks.Click click = verified.get();
		Optional<LedgerEntry> message = this.entries.entry(click.deliveryId())
			.filter((entry) -> entry.key().equals(click.key()));
		Optional<String> target = this.articles.find(click.articleId())
			.map(Article::url)
			.filter((url) -> url != null && (url.startsWith("https://") || url.startsWith("http://")));
		if (message.isEmpty() || target.isEmpty()) {
			return Optional.empty();
		}
		String bot = bot(head, userAgent, message.get().sentAt(), now);
		this.jdbc
			.sql("insert into link_click (kind, edition_key, article_id, topic_id, subscriber_id, clicked_at, bot)"
					+ " values (?, ?, ?, ?, ?, ?, ?)")
			.params(click.key().kind().column(), click.key().key(), click.articleId(), click.topicId(),
					this.settings.perReader() ? message.get().subscriberId() : null, now.atOffset(ZoneOffset.UTC), bot)
			.update();
		Counter counter = (bot != null) ? this.byScanners : this.byReaders;
		if (counter != null) {
			counter.increment();
		}
		return target;
	}

	/**
	 * One click of a reader's, as kept with {@code dispatch.tracking.per-reader}.
	 *
	 * @param bot why it was taken for a link scanner's, or null
	 */
	public record ReaderClick(String kind, String edition, long articleId, Instant at, @Nullable String bot) {
	}

	/**
	 * The clicks kept with the reader's id, oldest first: none unless
	 * {@code dispatch.tracking.per-reader} is on (or was, when they clicked).
	 */
	public List<ReaderClick> of(long subscriberId) {
		return this.jdbc
			.sql("select kind, edition_key, article_id, clicked_at, bot from link_click where subscriber_id = ?"
					+ " order by clicked_at, id")
			.param(subscriberId)
			.query((rs, row) -> new ReaderClick(rs.getString(1), rs.getString(2), rs.getLong(3),
					rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), rs.getString(5)))
			.list();
	}

	private @Nullable String bot(boolean head, @Nullable String userAgent, @Nullable Instant sentAt, Instant now) {
		if (head) {
			return "head";
		}
		if (userAgent == null || userAgent.isBlank()
				|| this.scanners.stream().anyMatch((p) -> p.matcher(userAgent).find())) {
			return "agent";
		}
		if (sentAt == null || Duration.between(sentAt, now).compareTo(this.settings.scannerWindow()) < 0) {
			return "too-soon";
		}
		return null;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.byReaders = counter(registry, "reader");
		this.byScanners = counter(registry, "scanner");
	}

	private static Counter counter(MeterRegistry registry, String by) {
		return Counter.builder("dispatch.clicks")
			.tag("by", by)
			.description("Clicks on the links of digests and alerts counted by this instance since it started")
			.register(registry);
	}

	private static List<Pattern> compile(List<String> patterns) {
		return patterns.stream()
			.map((p) -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
			.toList();
	}

}
