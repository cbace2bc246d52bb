package news.dispatch.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.ingest.WireStories;

/**
 * A BBC story of the labelled set rewritten as an agency would send it, then read back as
 * ingest reads wire copy: the headline in capitals, a dateline where the story names the
 * city it happened in, hard-wrapped lines with each paragraph indented and no blank
 * lines, the agency's sign-off; and, for short wire items, only the first paragraphs.
 * <p>
 * The dateline is the first city of {@link #CITIES} named in the lead, else "LONDON" for
 * a story of the politics section (Westminster); other stories get none. The rule and the
 * list were fixed before any run, from how wire desks date copy, not from the results.
 */
final class WireVersion {

	/** Cities a wire desk files from, as a dateline gives them. */
	static final List<String> CITIES = List.of("Washington", "New York", "Chicago", "Los Angeles", "San Francisco",
			"Seattle", "Detroit", "Boston", "Houston", "Dallas", "Atlanta", "Miami", "London", "Manchester",
			"Edinburgh", "Glasgow", "Cardiff", "Belfast", "Birmingham", "Dublin", "Paris", "Brussels", "Berlin",
			"Frankfurt", "Munich", "Bonn", "Hamburg", "Rome", "Milan", "Madrid", "Barcelona", "Lisbon", "Amsterdam",
			"The Hague", "Geneva", "Zurich", "Vienna", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Warsaw",
			"Prague", "Budapest", "Athens", "Moscow", "Kiev", "Istanbul", "Ankara", "Jerusalem", "Tel Aviv", "Beirut",
			"Damascus", "Baghdad", "Tehran", "Riyadh", "Cairo", "Kabul", "Islamabad", "Karachi", "New Delhi", "Delhi",
			"Mumbai", "Bombay", "Calcutta", "Bangalore", "Beijing", "Shanghai", "Hong Kong", "Taipei", "Seoul",
			"Pyongyang", "Tokyo", "Osaka", "Manila", "Jakarta", "Singapore", "Kuala Lumpur", "Bangkok", "Hanoi",
			"Sydney", "Melbourne", "Canberra", "Wellington", "Auckland", "Toronto", "Ottawa", "Montreal", "Vancouver",
			"Mexico City", "Havana", "Caracas", "Bogota", "Lima", "Santiago", "Buenos Aires", "Sao Paulo",
			"Rio de Janeiro", "Brasilia", "Johannesburg", "Cape Town", "Nairobi", "Lagos", "Harare");

	private static final Pattern CITY = Pattern.compile("\\b(" + String.join("|", CITIES) + ")\\b");

	private static final int WIDTH = 68;

	private WireVersion() {
	}

	/**
	 * The story as ingest reads its wire version.
	 * @param path the story's path in the corpus ("politics/001.txt")
	 * @param story the story as the corpus has it
	 * @param paragraphs how many paragraphs to keep, 0 for all
	 */
	static MatchableArticle of(String path, MatchableArticle story, int paragraphs) {
		return WireStories.read(story.id(), text(path, story, paragraphs));
	}

	static String text(String path, MatchableArticle story, int keep) {
		List<String> paragraphs = new ArrayList<>();
		for (String paragraph : story.body().split("\\n\\s*\\n")) {
			if (!paragraph.isBlank()) {
				paragraphs.add(paragraph.strip().replaceAll("\\s+", " "));
			}
		}
		if (keep > 0 && paragraphs.size() > keep) {
			paragraphs = paragraphs.subList(0, keep);
		}
		String city = dateline(path, paragraphs.isEmpty() ? "" : paragraphs.get(0));
		StringBuilder text = new StringBuilder(story.headline().toUpperCase(Locale.ROOT)).append('\n');
		for (int i = 0; i < paragraphs.size(); i++) {
			String paragraph = paragraphs.get(i);
			if (i == 0 && city != null) {
				paragraph = city.toUpperCase(Locale.ROOT) + ", March 3 - " + paragraph;
			}
			wrap(text, "    " + paragraph);
		}
		return text.append(" Reuter\n").toString();
	}

	static String dateline(String path, String lead) {
		Matcher city = CITY.matcher(lead);
		if (city.find()) {
			return city.group(1);
		}
		return path.startsWith("politics/") ? "London" : null;
	}

	private static void wrap(StringBuilder text, String paragraph) {
		int lineStart = text.length();
		for (String word : paragraph.split(" ", -1)) {
			if (word.isEmpty()) {
				text.append(' ');
				continue;
			}
			if (text.length() - lineStart + word.length() > WIDTH && text.charAt(text.length() - 1) == ' ') {
				text.setLength(text.length() - 1);
				text.append('\n');
				lineStart = text.length();
			}
			text.append(word).append(' ');
		}
		text.setLength(text.length() - 1);
		text.append('\n');
	}

}
