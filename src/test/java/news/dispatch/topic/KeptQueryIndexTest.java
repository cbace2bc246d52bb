package news.dispatch.topic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static news.dispatch.topic.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query index kept on disk between runs: the next run indexes only what changed, and
 * a query added, changed or removed applies from that run.
 */
class KeptQueryIndexTest {

	private static final MatchableArticle PUTIN = article("Putin speaks", "Putin spoke in Moscow.");

	private static final MatchableArticle KREMLIN = article("Statement", "The Kremlin issued a statement.");

	@TempDir
	Path index;

	@Test
	void aSecondRunWithTheSameQueriesIndexesNothingAndMatchesTheSame() {
		Map<String, String> queries = Map.of("t:1", "putin", "t:2", "kremlin", "k:7", "putin");
		try (TopicMatcher first = open(queries)) {
			assertThat(first.registered()).isEqualTo(2);
		}
		try (TopicMatcher second = open(queries)) {
			assertThat(second.registered()).isZero();
			assertThat(second.match(List.of(PUTIN))).extracting(TopicMatch::queryId).containsExactly("k:7", "t:1");
			assertThat(second.match(List.of(KREMLIN))).extracting(TopicMatch::queryId).containsExactly("t:2");
		}
	}

	@Test
	void aQueryChangedOrRemovedAppliesFromTheNextRun() {
		try (TopicMatcher first = open(Map.of("t:1", "putin", "t:2", "kremlin"))) {
			assertThat(first.match(List.of(PUTIN))).hasSize(1);
		}
		try (TopicMatcher second = open(Map.of("t:1", "kremlin"))) {
			assertThat(second.registered()).isZero();
			assertThat(second.match(List.of(PUTIN))).isEmpty();
			assertThat(second.queriesRun()).as("the removed query is gone from the index, not just ignored").isZero();
			assertThat(second.match(List.of(KREMLIN))).extracting(TopicMatch::queryId).containsExactly("t:1");
		}
		try (TopicMatcher third = open(Map.of("t:1", "kremlin", "k:3", "\"putin spoke\""))) {
			assertThat(third.registered()).isEqualTo(1);
			assertThat(third.match(List.of(PUTIN))).extracting(TopicMatch::queryId).containsExactly("k:3");
		}
	}

	@Test
	void anIndexInUseByAnotherMatcherIsLeftAloneAndTheQueriesAreIndexedInMemory() {
		try (TopicMatcher holder = open(Map.of("t:1", "putin")); TopicMatcher other = open(Map.of("t:1", "kremlin"))) {
			assertThat(other.registered()).isEqualTo(1);
			assertThat(other.match(List.of(KREMLIN))).hasSize(1);
			assertThat(holder.match(List.of(KREMLIN))).isEmpty();
		}
	}

	@Test
	void anUnreadableIndexIsSetAsideAndTheNextRunBuildsItAgain() throws Exception {
		Path version = this.index.resolve(QueryMonitors.FORMAT);
		java.nio.file.Files.createDirectories(version);
		java.nio.file.Files.writeString(version.resolve("segments_1"), "not a Lucene index");
		try (TopicMatcher broken = open(Map.of("t:1", "putin"))) {
			assertThat(broken.match(List.of(PUTIN))).hasSize(1);
		}
		try (TopicMatcher rebuilt = open(Map.of("t:1", "putin"))) {
			assertThat(rebuilt.registered()).isEqualTo(1);
		}
		try (TopicMatcher kept = open(Map.of("t:1", "putin"))) {
			assertThat(kept.registered()).isZero();
		}
	}

	@Test
	void anIndexWrittenByAnotherProcessMatchesWhatAnIndexInMemoryMatches() throws Exception {
		// given: a query of several alternatives, each searched in the headline and the
		// body, and one story for each alternative that has it in the body only
		String query = "pyongyang OR \"north korea\" OR kim OR \"korean peninsula\"";
		List<MatchableArticle> stories = List.of(article("Talks", "Envoys met in Pyongyang."),
				article("Talks", "North Korea fired a missile."), article("Talks", "Kim spoke on Monday."),
				article("Talks", "Tension on the Korean peninsula."));
		for (int round = 1; round <= 3; round++) {
			Path index = this.index.resolve("round-" + round);
			// when: another JVM, whose hash codes differ, writes the index
			Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), QueryIndexWriter.class.getName(), index.toString(),
					query)
				.redirectErrorStream(true)
				.start();
			String written = new String(writer.getInputStream().readAllBytes()).strip();
			assertThat(writer.waitFor()).as(written).isZero();
			// then: this one, reading it back, matches every story as it would in memory
			try (TopicMatcher kept = new TopicMatcher(Map.of("t:1", query), Map.of(), (invalid) -> {
				throw invalid;
			}, index)) {
				assertThat(kept.registered()).as("the index was read back, not rebuilt").isZero();
				for (MatchableArticle story : stories) {
					assertThat(kept.match(List.of(story))).as("round %d: %s", round, story.body()).hasSize(1);
				}
			}
		}
	}

	private TopicMatcher open(Map<String, String> queries) {
		return new TopicMatcher(queries, Map.of(), (invalid) -> {
			throw invalid;
		}, this.index);
	}

}
