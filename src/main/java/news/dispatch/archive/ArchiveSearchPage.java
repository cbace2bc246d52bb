package news.dispatch.archive;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import news.dispatch.topic.InvalidQueryException;
import news.dispatch.topic.QueryLanguage;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /archive/search?q=…}: every stored story the query finds, newest first, the
 * query written in the topic language and read by its own parser ({@link QueryLanguage}),
 * so a reader's search finds what a topic of that query would. A query that does not
 * parse, is longer than {@code dispatch.archive.max-query-length} or asks too much of the
 * index is refused with 400 and the parser's reason; the search runs on
 * {@link ArchiveIndex}, never on the tables ingest writes.
 */
@Controller
@ConditionalOnWebApplication
class ArchiveSearchPage {

	private final ArchiveIndex index;

	private final ArchiveTopics topics;

	private final StoryCards cards;

	private final ArchiveSettings settings;

	ArchiveSearchPage(ArchiveIndex index, ArchiveTopics topics, StoryCards cards, ArchiveSettings settings) {
		this.index = index;
		this.topics = topics;
		this.cards = cards;
		this.settings = settings;
	}

	@GetMapping("/archive/search")
	ModelAndView search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String page, HttpServletResponse response) {
		ModelAndView view = new ModelAndView("archive/search");
		String query = (q != null) ? q.strip() : "";
		view.addObject("q", query);
		response.setHeader("Cache-Control", "public, max-age=" + Math.min(60, this.settings.cacheMaxAge().toSeconds()));
		if (query.isEmpty()) {
			view.addObject("searched", false);
			return view;
		}
		if (query.length() > this.settings.maxQueryLength()) {
			throw ArchiveProblem.badRequest("Search too long",
					"The search has " + query.length() + " characters; the archive takes up to "
							+ this.settings.maxQueryLength()
							+ ". Search for fewer words, as in \"north korea\" missile.");
		}
		int number = ArchiveProblem.page(page, this.settings.maxSearchPages(), "search results");
		Query parsed;
		try {
			parsed = QueryLanguage.parse(query);
		}
		catch (InvalidQueryException ex) {
			throw ArchiveProblem.badRequest("Search not understood", "The search " + ArchivePages.shown(query)
					+ " cannot be read: " + ex.getMessage() + ". See how to write one below the search box.");
		}
		int size = this.settings.pageSize();
		int limit = size * this.settings.maxSearchPages();
		ArchiveIndex.Hits hits;
		try {
			hits = this.index.search(parsed, limit);
		}
		catch (IndexSearcher.TooManyClauses ex) {
			throw ArchiveProblem.badRequest("Search too wide", "The search " + ArchivePages.shown(query)
					+ " asks for too many words at once; use fewer words or longer beginnings before a *.");
		}
		List<ArchiveTopic> all = this.topics.all();
		List<Long> shown = hits.ids();
		boolean more = hits.total() > limit;
		int last = Math.max(1, (shown.size() + size - 1) / size);
		if (number > last) {
			throw ArchiveProblem.badRequest("No such page",
					"page=" + number + " is not a page of these search results: give a number from 1 to " + last + ".");
		}
		view.addObject("searched", true);
		view.addObject("total", shown.size());
		view.addObject("more", more);
		view.addObject("timedOut", hits.timedOut());
		view.addObject("stories",
				this.cards.cards(shown.subList((number - 1) * size, Math.min(shown.size(), number * size)), null, all));
		view.addObject("page", number);
		view.addObject("last", last);
		return view;
	}

}
