package news.dispatch.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import jakarta.servlet.http.HttpServletResponse;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.Passage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.WebRequest;

/**
 * A topic's feeds, for feed readers: Atom 1.0 ({@code /archive/topics/{slug}.atom}, RFC
 * 4287) and JSON Feed 1.1 ({@code .json}), the newest {@code dispatch.archive.feed-size}
 * stories each. Every id is a name-based UUID of the site's address and the article or
 * topic, so it never changes; every address is absolute, built on
 * {@code dispatch.site.url} (never on the request's Host header). Both answer conditional
 * GETs with 304.
 */
@Controller
class ArchiveFeeds {

	static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

	static final MediaType JSON_FEED = MediaType.parseMediaType("application/feed+json;charset=UTF-8");

	private final ArchiveTopics topics;

	private final ArchiveStories stories;

	private final StoryCards cards;

	private final ArchiveSettings settings;

	private final DispatchSettings dispatch;

	private final String siteUrl;

	private final JsonMapper json = JsonMapper.builder().build();

	ArchiveFeeds(ArchiveTopics topics, ArchiveStories stories, StoryCards cards, ArchiveSettings settings,
			DispatchSettings dispatch) {
		this.topics = topics;
		this.stories = stories;
		this.cards = cards;
		this.settings = settings;
		this.dispatch = dispatch;
		this.siteUrl = dispatch.site().url().replaceAll("/+$", "");
	}

	@GetMapping("/archive/topics/{slug}.atom")
	@Nullable ResponseEntity<String> atom(@PathVariable String slug, WebRequest request, HttpServletResponse response)
			throws FeedException {
		Latest latest = latest(slug, "atom", request, response);
		if (latest == null) {
			return null;
		}
		ArchiveTopic topic = latest.topic();
		Feed feed = new Feed("atom_1.0");
		feed.setId(urn("topic/" + topic.id()));
		feed.setTitle(this.dispatch.site().name() + ": " + topic.name());
		feed.setUpdated(Date.from(latest.updated()));
		feed.setAlternateLinks(List.of(link("alternate", "text/html", this.siteUrl + topic.path())));
		feed.setOtherLinks(List
			.of(link("self", ATOM.toString().replace(";charset=UTF-8", ""), this.siteUrl + topic.path() + ".atom")));
		Person author = new Person();
		author.setName(this.dispatch.site().name());
		feed.setAuthors(List.of(author));
		List<Entry> entries = new ArrayList<>();
		for (Story story : latest.stories()) {
			Entry entry = new Entry();
			entry.setId(urn("article/" + story.id()));
			entry.setTitle(story.headline());
			Date published = Date.from(Instant.parse(story.published()));
			entry.setUpdated(published);
			entry.setPublished(published);
			entry.setAlternateLinks(List
				.of(link("alternate", "text/html", story.url().isEmpty() ? this.siteUrl + topic.path() : story.url())));
			Content summary = new Content();
			summary.setType(Content.TEXT);
			summary.setValue(summary(story));
			entry.setSummary(summary);
			entries.add(entry);
		}
		feed.setEntries(entries);
		return ResponseEntity.ok().contentType(ATOM).body(new WireFeedOutput().outputString(feed, true));
	}

	@GetMapping("/archive/topics/{slug}.json")
	@Nullable ResponseEntity<byte[]> jsonFeed(@PathVariable String slug, WebRequest request, HttpServletResponse response) {
		Latest latest = latest(slug, "json", request, response);
		if (latest == null) {
			return null;
		}
		ArchiveTopic topic = latest.topic();
		Map<String, Object> feed = new LinkedHashMap<>();
		feed.put("version", "https://jsonfeed.org/version/1.1");
		feed.put("title", this.dispatch.site().name() + ": " + topic.name());
		feed.put("home_page_url", this.siteUrl + topic.path());
		feed.put("feed_url", this.siteUrl + topic.path() + ".json");
		feed.put("authors", List.of(Map.of("name", this.dispatch.site().name())));
		feed.put("items", latest.stories().stream().map((story) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", urn("article/" + story.id()));
			if (!story.url().isEmpty()) {
				item.put("url", story.url());
			}
			item.put("title", story.headline());
			item.put("content_text", summary(story));
			item.put("date_published", story.published());
			item.put("tags", story.topics().stream().map(ArchiveTopic::name).toList());
			return item;
		}).toList());
		return ResponseEntity.ok()
			.contentType(JSON_FEED)
			.body(this.json.writeValueAsString(feed).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The topic's newest stories, or null when the client's copy is still good (304).
	 */
	private @Nullable Latest latest(String slug, String format, WebRequest request, HttpServletResponse response) {
		List<ArchiveTopic> all = this.topics.all();
		ArchiveTopic topic = all.stream()
			.filter((t) -> t.slug().equals(slug))
			.findFirst()
			.orElseThrow(() -> ArchivePages.unknownTopic(slug));
		ArchiveStories.State state = this.stories.state(topic.id());
		// a topic with no story yet: its feed is as old as the epoch, and valid all the
		// same
		Instant updated = state.newest().orElse(Instant.EPOCH);
		if (Freshness.unchanged(request, response, this.settings.cacheMaxAge(), updated, format, topic, state)) {
			return null;
		}
		List<Story> latest = this.cards.cards(this.stories.page(topic.id(), 0, this.settings.feedSize()), topic, all);
		return new Latest(topic, updated, latest);
	}

	private record Latest(ArchiveTopic topic, Instant updated, List<Story> stories) {
	}

	private static String summary(Story story) {
		if (!story.passage().isEmpty()) {
			return story.passage().stream().map(Passage.Part::text).collect(Collectors.joining()).strip();
		}
		return story.lead();
	}

	private String urn(String what) {
		return "urn:uuid:" + UUID.nameUUIDFromBytes((this.siteUrl + "/" + what).getBytes(StandardCharsets.UTF_8));
	}

	private static Link link(String rel, String type, String href) {
		Link link = new Link();
		link.setRel(rel);
		link.setType(type);
		link.setHref(href);
		return link;
	}

}
