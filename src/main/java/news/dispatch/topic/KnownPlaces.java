package news.dispatch.topic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The places {@code place:} knows ({@code places.tsv} beside this class): for each
 * country, the forms a story names it by — the country, its people and adjective, its
 * capital and the cities its news is filed from — so that {@code place:japan} asks for
 * Japan, Japanese, Tokyo or Osaka as one topic. A place is looked up by any of its forms,
 * in any case.
 */
final class KnownPlaces {

	private static final Map<String, List<String>> FORMS = load();

	private KnownPlaces() {
	}

	/**
	 * The forms of the place one of whose forms is {@code name}.
	 */
	static Optional<List<String>> forms(String name) {
		return Optional.ofNullable(FORMS.get(key(name)));
	}

	private static String key(String name) {
		return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

	private static Map<String, List<String>> load() {
		Map<String, List<String>> forms = new HashMap<>();
		try (InputStream in = KnownPlaces.class.getResourceAsStream("places.tsv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String[] columns = line.split("\t");
				if (line.startsWith("#") || columns.length != 2) {
					continue;
				}
				List<String> place = List.of(columns[1].split("\\|"));
				forms.put(key(columns[0]), place);
				place.forEach((form) -> forms.putIfAbsent(key(form), place));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Map.copyOf(forms);
	}

}
