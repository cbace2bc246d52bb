package news.dispatch.topic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The places {@code place:} knows ({@code places.tsv} beside this class): for each
 * country, the forms a story names it by — the country, its people and adjective, its
 * capital and the cities its news is filed from — so that {@code place:japan} asks for
 * Japan, Japanese, Tokyo or Osaka as one topic. A place is looked up by any of its forms,
 * in any case.
 */
final class KnownPlaces {

	private static final Map<String, List<String>> FORMS = load();

	private static final Map<String, List<String>> DATELINES = loadDatelines();

	/**
	 * Any form of a known place as a word of its own, longest first; "US" only in
	 * capitals (the pronoun is "us").
	 */
	private static final Pattern NAMED = named();

	private KnownPlaces() {
	}

	/**
	 * The forms of the place one of whose forms is {@code name}.
	 */
	static Optional<List<String>> forms(String name) {
		return Optional.ofNullable(FORMS.get(key(name)));
	}

	/**
	 * The forms of the country a dateline places a story in (its name, its people and
	 * adjective, not its cities), or none when the place is not known: the place may be
	 * the country, its capital or a city that stands alone in datelines ("TOKYO",
	 * "CHICAGO", {@code datelines.tsv}), or a town with its state, province or country
	 * ("GREENWICH, Conn.", "LEEDS, England"), where what follows the comma decides.
	 * @param dateline the place as the dateline gives it
	 * @return the country's forms
	 */
	static List<String> ofDateline(String dateline) {
		String whole = key(dateline);
		List<String> forms = known(whole);
		int comma = whole.indexOf(',');
		if (forms == null && comma > 0) {
			forms = known(whole.substring(comma + 1).strip());
			if (forms == null) {
				forms = known(whole.substring(0, comma).strip());
			}
		}
		return (forms != null) ? forms : List.of();
	}

	/**
	 * The one country a text names, by any of its forms written as a name (capitalised:
	 * "Turkey", not "turkey"), when it names exactly one; none when it names no known
	 * place or more than one country.
	 * @param text the text, a story's lead
	 * @return the country's forms, as {@link #forms(String)} gives them
	 */
	static List<String> soleCountryOf(CharSequence text) {
		List<String> country = null;
		Matcher named = NAMED.matcher(text);
		while (named.find()) {
			if (!Character.isUpperCase(text.charAt(named.start()))) {
				continue;
			}
			List<String> place = FORMS.get(key(named.group()));
			if (place == null && named.group().equals("US")) {
				place = FORMS.get("u.s.");
			}
			if (country != null && place != country) {
				return List.of();
			}
			country = place;
		}
		return (country != null) ? country : List.of();
	}

	/**
	 * Whether a word or phrase, as a story writes it ("U.S.", "US", "Iraqi", "Iraq's"),
	 * is one of these forms written as a name.
	 */
	static boolean isForm(String written, List<String> forms) {
		if (forms.isEmpty() || written.isEmpty() || !Character.isUpperCase(written.charAt(0))) {
			return false;
		}
		String form = written.equals("US") ? "u.s" : stripDot(key(written).replaceFirst("['\u2019]s$", ""));
		for (String candidate : forms) {
			if (stripDot(candidate).equals(form)) {
				return true;
			}
		}
		return false;
	}

	private static String stripDot(String form) {
		return form.endsWith(".") ? form.substring(0, form.length() - 1) : form;
	}

	private static @Nullable List<String> known(String key) {
		return DATELINES.get(key);
	}

	private static String key(String name) {
		return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

	private static Map<String, List<String>> load() {
		Map<String, List<String>> forms = new HashMap<>();
		for (String[] columns : lines("places.tsv")) {
			List<String> place = List.of(columns[1].split("\\|"));
			forms.put(key(columns[0]), place);
			place.forEach((form) -> forms.putIfAbsent(key(form), place));
		}
		return Map.copyOf(forms);
	}

	/**
	 * The lines of a table beside this class, each cut at its tab; comments and blank
	 * lines left out.
	 */
	private static List<String[]> lines(String table) {
		List<String[]> lines = new ArrayList<>();
		try (InputStream in = KnownPlaces.class.getResourceAsStream(table);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String[] columns = line.split("\t");
				if (!line.startsWith("#") && columns.length >= 2) {
					lines.add(columns);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return lines;
	}

	private static Pattern named() {
		List<String> forms = new ArrayList<>(FORMS.keySet());
		forms.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
		StringBuilder alternatives = new StringBuilder("(?-i:US)");
		for (String form : forms) {
			alternatives.append('|').append(Pattern.quote(form));
		}
		return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	private static Map<String, List<String>> loadDatelines() {
		Map<String, List<String>> places = new HashMap<>();
		for (String[] columns : lines("datelines.tsv")) {
			List<String> country = List.of(columns[1].split("\\|"));
			country.forEach((form) -> places.putIfAbsent(key(form), country));
			if (columns.length > 2) {
				for (String place : columns[2].split("\\|")) {
					places.putIfAbsent(key(place), country);
				}
			}
		}
		return Map.copyOf(places);
	}

}
