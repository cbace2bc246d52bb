package news.dispatch.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.InvalidQueryException;
import news.dispatch.topic.QueryTrial;
import news.dispatch.topic.Topic;
import news.dispatch.topic.TopicJudgements;
import news.dispatch.topic.TopicTuning;
import news.dispatch.topic.Topics;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Editors teach a topic on the editor page: a topic's recent matches and near misses
 * (stories its query matches but the rule leaves out), each with "about it" and "not
 * about it" buttons that record a judgement, the same as {@code dispatch topics judge};
 * {@code dispatch topics tune} then fits the topic to them. Behind the editor login;
 * every form carries a CSRF token.
 */
@Controller
@RequestMapping("/editor/topics")
class EditorTopicsController {

	/** The most stories listed on a topic's page, let in and left out together. */
	private static final int LIMIT = 40;

	private final Topics topics;

	private final QueryTrial trial;

	private final TopicTuning tuning;

	private final TopicJudgements judgements;

	EditorTopicsController(Topics topics, QueryTrial trial, TopicTuning tuning, TopicJudgements judgements) {
		this.topics = topics;
		this.trial = trial;
		this.tuning = tuning;
		this.judgements = judgements;
	}

	@GetMapping
	ModelAndView list() {
		ModelAndView page = new ModelAndView("web/editor-topics");
		page.addObject("topics", this.topics.findAll());
		return page;
	}

	@GetMapping("/{id}")
	ModelAndView topic(@PathVariable long id, @RequestParam(defaultValue = "7") int days,
			@RequestParam(required = false) @Nullable Long judged) {
		Topic topic = find(id);
		if (topic == null) {
			return missing(id);
		}
		ModelAndView page = new ModelAndView("web/editor-topic");
		int since = Math.max(1, days);
		List<QueryTrial.Result> results;
		try {
			results = this.trial.run(topic.query(), topic.relevance(), since, LIMIT, true);
		}
		catch (InvalidQueryException ex) {
			page.addObject("error", "The topic's query is invalid at " + ex.getMessage()
					+ "; import the topic again with a valid query.");
			results = List.of();
		}
		Map<Long, Boolean> judgedStories = this.judgements.of(topic.id());
		page.addObject("topic", topic);
		page.addObject("days", since);
		page.addObject("letIn", results.stream().filter(QueryTrial.Result::in).toList());
		page.addObject("leftOut", results.stream().filter((result) -> !result.in()).toList());
		page.addObject("judgements",
				judgedStories.entrySet()
					.stream()
					.collect(java.util.stream.Collectors.toMap((entry) -> entry.getKey().toString(),
							(entry) -> entry.getValue() ? "yes" : "no")));
		page.addObject("judgedCount", judgedStories.size());
		this.tuning.estimate(topic.name())
			.ifPresent((figures) -> page.addObject("estimate",
					String.format(Locale.ROOT, "estimated precision %.2f, recall %.2f on %d judgement(s)",
							figures.precision(), figures.recall(), judgedStories.size())));
		if (judged != null) {
			page.addObject("notice", "Your judgement of story " + judged + " is recorded.");
		}
		return page;
	}

	@PostMapping("/{id}/judgements")
	ModelAndView judge(@PathVariable long id, @RequestParam(defaultValue = "0") long article,
			@RequestParam(defaultValue = "") String about, @RequestParam(defaultValue = "7") int days) {
		Topic topic = find(id);
		if (topic == null) {
			return missing(id);
		}
		if (!about.equals("yes") && !about.equals("no")) {
			return refused(id, days,
					"A judgement is \"yes\" or \"no\", not \"" + about + "\"; use the buttons beside a story.");
		}
		try {
			this.tuning.judge(topic.name(), article, about.equals("yes"));
		}
		catch (InvalidInputException ex) {
			return refused(id, days, ex.getMessage());
		}
		return new ModelAndView("redirect:/editor/topics/" + id + "?days=" + days + "&judged=" + article);
	}

	private ModelAndView refused(long id, int days, String error) {
		ModelAndView page = topic(id, days, null);
		page.addObject("error", error);
		page.setStatus(HttpStatus.BAD_REQUEST);
		return page;
	}

	private @Nullable Topic find(long id) {
		return this.topics.findAll().stream().filter((topic) -> topic.id() == id).findFirst().orElse(null);
	}

	private static ModelAndView missing(long id) {
		ModelAndView page = new ModelAndView("web/editor-missing");
		page.addObject("error", "There is no topic " + id + "; pick one from the list of topics.");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

}
