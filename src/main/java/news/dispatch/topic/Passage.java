package news.dispatch.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A passage of an article with the words a query matched marked in it.
 *
 * @param text the passage
 * @param highlights where the matched words are, in order, not overlapping
 */
public record Passage(String text, List<Highlight> highlights) {

	/**
	 * A run of the passage, marked or not: what a template renders.
	 */
	public record Part(String text, boolean mark) {
	}

	/**
	 * The passage cut into plain and marked runs, in order.
	 */
	public List<Part> parts() {
		List<Part> parts = new ArrayList<>();
		int at = 0;
		for (Highlight highlight : this.highlights) {
			int start = Math.max(at, Math.min(highlight.start(), this.text.length()));
			int end = Math.max(start, Math.min(highlight.end(), this.text.length()));
			if (start > at) {
				parts.add(new Part(this.text.substring(at, start), false));
			}
			if (end > start) {
				parts.add(new Part(this.text.substring(start, end), true));
			}
			at = end;
		}
		if (at < this.text.length()) {
			parts.add(new Part(this.text.substring(at), false));
		}
		return parts;
	}

	static String encode(List<Highlight> highlights) {
		return highlights.stream().map((h) -> h.start() + ":" + h.end()).collect(Collectors.joining(","));
	}

	static List<Highlight> decode(String encoded) {
		if (encoded.isBlank()) {
			return List.of();
		}
		return Arrays.stream(encoded.split(",")).map((pair) -> {
			String[] bounds = pair.split(":");
			return new Highlight(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
		}).toList();
	}

}
