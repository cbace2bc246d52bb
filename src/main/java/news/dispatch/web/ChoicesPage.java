package news.dispatch.web;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import news.dispatch.digest.DigestSettings;
import news.dispatch.subscriber.ChoicesInput;
import news.dispatch.subscriber.InvalidChoiceException;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.Topic;
import news.dispatch.topic.Topics;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The form the sign-up and preferences pages share: the catalog's topics as checkboxes,
 * keywords, frequency (and a weekly digest's day), send hour, time zone, alerts; filled
 * in with what the reader gave, and the problem beside the field it is about.
 */
@Component
class ChoicesPage {

	/**
	 * The time zones offered, each with its label ({@code id}, {@code label}), made once:
	 * the page marks the reader's by a lookup ({@code zoneChosen}), because FreeMarker
	 * compares strings with a locale's collator, and comparing each of some 400 zones so
	 * was the largest part of rendering the form.
	 */
	private static final List<Map<String, String>> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.map((zone) -> Map.of("id", zone, "label", zone.replace('_', ' ')))
		.toList();

	private static final Set<String> ZONE_IDS = ZONES.stream()
		.map((zone) -> zone.get("id"))
		.collect(Collectors.toUnmodifiableSet());

	private final Topics topics;

	private final DispatchSettings settings;

	private final DigestSettings digests;

	ChoicesPage(Topics topics, DispatchSettings settings, DigestSettings digests) {
		this.topics = topics;
		this.settings = settings;
		this.digests = digests;
	}

	ModelAndView page(String view, ChoicesInput input, @Nullable InvalidChoiceException problem) {
		ModelAndView page = new ModelAndView(view);
		Map<String, Object> form = new HashMap<>();
		form.put("email", text(input.email()));
		form.put("topics", input.topicsOrNone());
		form.put("keywords", text(input.keywords()));
		form.put("frequency", (input.frequency() != null) ? input.frequency().toUpperCase(Locale.ROOT) : "DAILY");
		form.put("sendHour", (input.sendHour() != null) ? input.sendHour() : "7");
		String zone = (input.timeZone() != null) ? input.timeZone() : this.settings.zone().getId();
		form.put("timeZone", zone);
		form.put("alerts", Boolean.TRUE.equals(input.alerts()));
		form.put("pausedUntil", text(input.pausedUntil()));
		form.put("untracked", Boolean.TRUE.equals(input.untracked()));
		form.put("weeklyDay", text(input.weeklyDay()).toUpperCase(Locale.ROOT));
		page.addObject("form", form);
		page.addObject("catalog", this.topics.findAll().stream().map(Topic::name).toList());
		page.addObject("zones", ZONES);
		page.addObject("weekdays", Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList());
		page.addObject("usualDay", this.digests.weeklyDay().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
		page.addObject("zoneChosen", Map.of(zone, true));
		page.addObject("zoneListed", ZONE_IDS.contains(zone));
		if (problem != null) {
			page.addObject("error", problem.getMessage());
			page.addObject("errorField", problem.field());
			page.setStatus(HttpStatus.BAD_REQUEST);
		}
		return page;
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
