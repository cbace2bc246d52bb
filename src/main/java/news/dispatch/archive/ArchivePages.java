package news.dispatch.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import news.dispatch.system.DispatchSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * The archive's pages: {@code /archive} (the topics and the recent editions), a topic's
 * stories newest first ({@code /archive/topics/{slug}?page=N}) and what one day's edition
 * carried per topic ({@code /archive/editions/{date}}). An edition here is its topic
 * version: the stories of the archive's topics published that day in the newsroom's zone
 * (the newest {@code dispatch.archive.edition-per-topic} of each topic, and how many
 * there were); a reader's own copy is behind the link in their mail ({@link WebCopies}).
 * The index page is made again at most every {@code dispatch.archive.index-refresh}.
 */
@Controller
class ArchivePages {

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

	private final ArchiveTopics topics;

	private final ArchiveStories stories;

	private final StoryCards cards;

	private final ArchiveSettings settings;

	private final ZoneId zone;

	private final Clock clock;

	ArchivePages(ArchiveTopics topics, ArchiveStories stories, StoryCards cards, ArchiveSettings settings,
			DispatchSettings dispatch, Clock clock) {
		this.topics = topics;
		this.stories = stories;
		this.cards = cards;
		this.settings = settings;
		this.zone = dispatch.zone();
		this.clock = clock;
	}

	/**
	 * A topic on the index page: how many stories it has and when the last came.
	 */
	public record TopicSummary(ArchiveTopic topic, long stories, String newest) {
	}

	/**
	 * A day with stories, on the index page.
	 */
	public record EditionLink(String date, String title) {
	}

	/**
	 * What the index page shows, kept for {@code dispatch.archive.index-refresh}: it
	 * reads every topic's stories, and is the page asked for most.
	 */
	private record Front(Instant madeAt, List<ArchiveTopic> all, Map<Long, ArchiveStories.State> states,
			List<EditionLink> editions, LocalDate today) {
	}

	private volatile @Nullable Front front;

	private Front front() {
		Front kept = this.front;
		Instant now = this.clock.instant();
		if (kept != null && now.isBefore(kept.madeAt().plus(this.settings.indexRefresh()))) {
			return kept;
		}
		List<ArchiveTopic> all = this.topics.all();
		List<Long> ids = all.stream().map(ArchiveTopic::id).toList();
		Map<Long, ArchiveStories.State> states = this.stories.states(ids);
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		List<EditionLink> editions = new ArrayList<>();
		for (int back = 0; back < this.settings.editionsListed(); back++) {
			LocalDate day = today.minusDays(back);
			if (this.stories.any(ids, start(day), start(day.plusDays(1)))) {
				editions.add(new EditionLink(day.toString(), DAY.format(day)));
			}
		}
		Front made = new Front(now, all, states, editions, today);
		this.front = made;
		return made;
	}

	@GetMapping("/archive")
	@Nullable ModelAndView index(WebRequest request, HttpServletResponse response) {
		Front front = front();
		List<ArchiveTopic> all = front.all();
		Map<Long, ArchiveStories.State> states = front.states();
		List<EditionLink> editions = front.editions();
		LocalDate today = front.today();
		Instant newest = states.values()
			.stream()
			.map((state) -> state.newest().orElse(Instant.EPOCH))
			.max(Instant::compareTo)
			.orElse(Instant.EPOCH);
		if (Freshness.unchanged(request, response, this.settings.cacheMaxAge(), newest, "index", all, states, editions,
				today)) {
			return null;
		}
		List<TopicSummary> summaries = all.stream().map((topic) -> {
			ArchiveStories.State state = states.get(topic.id());
			return new TopicSummary(topic, (state != null) ? state.count() : 0,
					(state != null) ? state.newest().map((time) -> DAY.format(time.atZone(this.zone))).orElse("") : "");
		}).toList();
		ModelAndView page = new ModelAndView("archive/index");
		page.addObject("topics", summaries);
		page.addObject("editions", editions);
		return page;
	}

	@GetMapping("/archive/topics/{slug}")
	@Nullable ModelAndView topic(@PathVariable String slug, @RequestParam(required = false) @Nullable String page,
			WebRequest request, HttpServletResponse response) {
		List<ArchiveTopic> all = this.topics.all();
		ArchiveTopic topic = all.stream()
			.filter((t) -> t.slug().equals(slug))
			.findFirst()
			.orElseThrow(() -> unknownTopic(slug));
		ArchiveStories.State state = this.stories.state(topic.id());
		int size = this.settings.pageSize();
		int last = (int) Math.max(1, (state.count() + size - 1) / size);
		int number = ArchiveProblem.page(page, last,
				"the topic " + topic.name() + " (it has " + last + ((last == 1) ? " page)" : " pages)"));
		if (Freshness.unchanged(request, response, this.settings.cacheMaxAge(), state.newest().orElse(Instant.EPOCH),
				"topic", topic, state, number, all.size())) {
			return null;
		}
		List<Long> ids = this.stories.page(topic.id(), (number - 1) * size, size);
		ModelAndView view = new ModelAndView("archive/topic");
		view.addObject("topic", topic);
		view.addObject("stories", this.cards.cards(ids, topic, all));
		view.addObject("count", state.count());
		view.addObject("page", number);
		view.addObject("last", last);
		return view;
	}

	@GetMapping("/archive/editions/{date}")
	@Nullable ModelAndView edition(@PathVariable String date, WebRequest request, HttpServletResponse response) {
		LocalDate day;
		try {
			day = LocalDate.parse(date);
		}
		catch (DateTimeParseException ex) {
			throw ArchiveProblem.notFound("No such edition",
					shown(date) + " is not a date; an edition's address ends in its date, as in /archive/editions/"
							+ LocalDate.now(this.clock.withZone(this.zone)) + ".");
		}
		List<ArchiveTopic> all = this.topics.all();
		Map<Long, List<Long>> byTopic = this.stories.published(all.stream().map(ArchiveTopic::id).toList(), start(day),
				start(day.plusDays(1)));
		if (byTopic.isEmpty()) {
			throw ArchiveProblem.notFound("No edition on " + date, "There is no edition of " + DAY.format(day)
					+ ": no story of the archive's topics was published that day. The archive lists the days that"
					+ " have one.");
		}
		if (Freshness.unchanged(request, response, this.settings.cacheMaxAge(), start(day.plusDays(1)), "edition", day,
				all, byTopic)) {
			return null;
		}
		// a busy day shows the newest few per topic; the topic's page has the rest
		Map<@Nullable ArchiveTopic, List<Long>> shownIds = new java.util.LinkedHashMap<>();
		for (ArchiveTopic topic : all) {
			List<Long> ids = byTopic.get(topic.id());
			if (ids != null) {
				shownIds.put(topic, ids.subList(0, Math.min(ids.size(), this.settings.editionPerTopic())));
			}
		}
		Map<@Nullable ArchiveTopic, List<Story>> cards = this.cards.sections(shownIds, all);
		List<Section> sections = new ArrayList<>();
		cards.forEach((topic, stories) -> {
			if (topic != null) {
				sections.add(new Section(topic, stories, byTopic.get(topic.id()).size()));
			}
		});
		ModelAndView view = new ModelAndView("archive/edition");
		view.addObject("date", day.toString());
		view.addObject("title", DAY.format(day));
		view.addObject("sections", sections);
		view.addObject("previous", day.minusDays(1).toString());
		view.addObject("next", day.plusDays(1).isAfter(LocalDate.now(this.clock.withZone(this.zone))) ? ""
				: day.plusDays(1).toString());
		return view;
	}

	/**
	 * One topic's stories in an edition: the newest of them, and how many there were.
	 */
	public record Section(ArchiveTopic topic, List<Story> stories, int count) {
	}

	/**
	 * Any other address under /archive: the styled 404.
	 */
	@GetMapping("/archive/**")
	ModelAndView unknown() {
		throw ArchiveProblem.notFound("Page not found",
				"The archive has no page at this address. Start from the list of topics and editions at /archive.");
	}

	private Instant start(LocalDate day) {
		return day.atStartOfDay(this.zone).toInstant();
	}

	static ArchiveProblem unknownTopic(String slug) {
		return ArchiveProblem.notFound("No such topic", "The archive has no topic " + shown(slug)
				+ ": it may have been renamed or kept off the archive. The list of topics is at /archive.");
	}

	static String shown(String input) {
		String oneLine = input.replaceAll("\\p{Cntrl}", " ");
		return "\"" + ((oneLine.length() > 60) ? oneLine.substring(0, 60) + "…" : oneLine) + "\"";
	}

}
