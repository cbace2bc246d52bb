package news.dispatch.topic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link KeptQueryIndexTest}: opens a matcher over one query
 * with the index kept in a directory, as another {@code dispatch} process would, matches
 * the stories given, prints how many queries it indexed and how many stories matched, and
 * closes it.
 */
final class QueryIndexWriter {

	private QueryIndexWriter() {
	}

	/**
	 * @param args the index directory, the query, then the bodies of stories to match
	 */
	public static void main(String[] args) {
		try (TopicMatcher matcher = new TopicMatcher(Map.of("t:1", args[1]), Map.of(), (invalid) -> {
			throw invalid;
		}, Path.of(args[0]))) {
			int matched = 0;
			for (int i = 2; i < args.length; i++) {
				matched += matcher.match(List.of(new MatchableArticle(i, "Talks", args[i]))).size();
			}
			System.out.println(matcher.registered() + " " + matched);
		}
	}

}
