package news.dispatch.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.system.DispatchSettings;
import news.dispatch.tracking.ClickStats;
import news.dispatch.tracking.TrackingSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * What readers clicked, for editors: a digest edition's clicks by readers per topic, per
 * story and in total, and link scanners' apart (the figures of
 * {@code dispatch stats edition}); an edition picked by date or from the latest ones.
 * Behind the editor login.
 */
@Controller
@RequestMapping("/editor/clicks")
class EditorClicksController {

	/** How many of the latest editions the page lists. */
	private static final int LATEST = 14;

	private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

	private final ClickStats clicks;

	private final EditionTotals totals;

	private final TrackingSettings tracking;

	private final DispatchSettings settings;

	private final Clock clock;

	EditorClicksController(ClickStats clicks, EditionTotals totals, TrackingSettings tracking,
			DispatchSettings settings, Clock clock) {
		this.clicks = clicks;
		this.totals = totals;
		this.tracking = tracking;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping
	ModelAndView edition(@RequestParam(required = false) @Nullable String date) {
		ModelAndView page = new ModelAndView("web/editor-clicks");
		List<LocalDate> latest = this.totals.latestEditions(LATEST);
		page.addObject("latest", latest(latest));
		LocalDate edition;
		if (date == null || date.isBlank()) {
			edition = latest.isEmpty() ? LocalDate.now(this.clock.withZone(this.settings.zone())) : latest.get(0);
		}
		else {
			try {
				edition = LocalDate.parse(date.strip());
			}
			catch (DateTimeParseException ex) {
				page.addObject("date", "");
				page.addObject("error", "\"" + date + "\" is not a date: give the edition as YYYY-MM-DD, such as "
						+ LocalDate.now(this.clock.withZone(this.settings.zone())) + ", or pick one of the latest.");
				page.setStatus(HttpStatus.BAD_REQUEST);
				return page;
			}
		}
		LedgerKey key = LedgerKey.edition(edition);
		ClickStats.Stats stats = this.clicks.stats(key);
		page.addObject("date", edition.toString());
		page.addObject("title", edition.format(TITLE));
		page.addObject("sent", this.totals.counts(key).get(DeliveryStatus.SENT));
		page.addObject("readers", stats.readers());
		page.addObject("scanners", stats.scannersTotal());
		page.addObject("byTopic", counts(stats.topics()));
		page.addObject("byStory", counts(stats.stories()));
		page.addObject("byReason", reasons(stats.scanners()));
		return page;
	}

	/**
	 * The latest editions for the page, each with its date, title and totals (as maps:
	 * the templates read the methods of public types only).
	 */
	private List<Map<String, Object>> latest(List<LocalDate> dates) {
		List<LedgerKey> keys = dates.stream().map(LedgerKey::edition).toList();
		List<Map<String, Object>> editions = new ArrayList<>();
		this.clicks.totals(keys)
			.forEach((key, clicked) -> editions.add(Map.of("date", key.key(), "title", key.edition().format(TITLE),
					"readers", clicked.readers(), "scanners", clicked.scanners())));
		return editions;
	}

	/**
	 * Counts as rows of the page: each a name and a count.
	 */
	private static List<Map<String, Object>> counts(Map<String, Long> counts) {
		return counts.entrySet()
			.stream()
			.map((entry) -> Map.<String, Object>of("name", entry.getKey(), "count", entry.getValue()))
			.toList();
	}

	/**
	 * The scanners' clicks by reason, in words.
	 */
	private List<Map<String, Object>> reasons(Map<String, Long> scanners) {
		Map<String, Long> reasons = new LinkedHashMap<>();
		scanners.forEach((reason, count) -> reasons.put(switch (reason) {
			case "head" -> "HEAD requests";
			case "agent" -> "a link scanner's User-Agent";
			case "too-soon" -> "within " + this.tracking.scannerWindow().toSeconds() + " s of sending";
			default -> reason;
		}, count));
		return counts(reasons);
	}

}
