package news.dispatch.topic;

import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link KeptQueryIndexTest}: opens a matcher over one query
 * with the index kept in a directory, as another {@code dispatch} process would, and
 * closes it.
 */
final class QueryIndexWriter {

	private QueryIndexWriter() {
	}

	/**
	 * @param args the index directory, then the query
	 */
	public static void main(String[] args) {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("t:1", args[1]), Map.of(), (invalid) -> {
			throw invalid;
		}, Path.of(args[0]))) {
			System.out.println(matcher.registered());
		}
	}

}
