package news.dispatch.ingest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One source as a run reads it.
 *
 * @param location a folder's absolute path, or a URL
 * @param name what the report and "also in" call it
 * @param type how it is read
 * @param named whether the name was configured (else a feed's stories take the feed's
 * title)
 * @param fullText whether each new entry's linked page is read for the whole story
 */
record SourceSpec(String location, String name, Type type, boolean named, boolean fullText) {

	SourceSpec(String location, String name, Type type, boolean named) {
		this(location, name, type, named, false);
	}

	enum Type {

		/** A folder of article files. */
		FOLDER,
		/** A feed; a web page at its address is refused. */
		FEED,
		/** One web page, one article. */
		PAGE,
		/**
		 * A feed, or a web page read as one article when that is what the address gives.
		 */
		FEED_OR_PAGE

	}

	static boolean isUrl(String location) {
		String lower = location.toLowerCase(Locale.ROOT);
		return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:");
	}

	/**
	 * The location as a job parameter holds it: a folder absolute and normalised, a URL
	 * as given.
	 */
	static String normalise(String location) {
		String stripped = location.strip();
		if (isUrl(stripped)) {
			return stripped;
		}
		return Path.of(stripped).toAbsolutePath().normalize().toString();
	}

	/**
	 * The sources of a run: each location with the name and type configured for it, else
	 * the defaults.
	 */
	static List<SourceSpec> resolve(List<String> locations, List<IngestSettings.Source> configured) {
		List<SourceSpec> specs = new ArrayList<>();
		for (String location : locations) {
			IngestSettings.Source source = configured.stream()
				.filter((c) -> normalise(c.location()).equals(location))
				.findFirst()
				.orElse(null);
			String name = (source != null && source.name() != null && !source.name().isBlank()) ? source.name()
					: defaultName(location);
			specs.add(new SourceSpec(location, name, type(location, (source != null) ? source.type() : "auto"),
					!name.equals(defaultName(location)), source != null && source.fullText()));
		}
		return specs;
	}

	private static String defaultName(String location) {
		if (isUrl(location) && !location.startsWith("file:")) {
			try {
				URI uri = URI.create(location);
				String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
				// with the query: two feeds of a site often differ only there
				String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
				return (uri.getHost() != null)
						? uri.getAuthority() + (path.equals("/") && query.isEmpty() ? "" : path) + query : location;
			}
			catch (IllegalArgumentException ex) {
				return location;
			}
		}
		return location;
	}

	private static Type type(String location, String configured) {
		return switch (configured.toLowerCase(Locale.ROOT)) {
			case "feed" -> Type.FEED;
			case "page" -> Type.PAGE;
			case "folder" -> Type.FOLDER;
			default -> {
				if (!isUrl(location)) {
					yield Type.FOLDER;
				}
				if (location.startsWith("file:") && Files.isDirectory(Path.of(URI.create(location)))) {
					yield Type.FOLDER;
				}
				yield Type.FEED_OR_PAGE;
			}
		};
	}

	/**
	 * The folder a {@code FOLDER} source reads.
	 */
	Path folder() {
		return this.location.startsWith("file:") ? Path.of(URI.create(this.location)) : Path.of(this.location);
	}

}
