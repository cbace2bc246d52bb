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
			Process writer = otherProcess(index, query);
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

	@Test
	void processesOpeningOneIndexAtOnceNeitherLockEachOtherOutNorCorruptIt() throws Exception {
		// given: four processes, each with its own version of the query
		List<String> queries = List.of("pyongyang", "pyongyang OR kremlin", "kremlin OR \"north korea\"",
				"pyongyang OR kremlin OR \"north korea\"");
		String[] stories = { "Envoys met in Pyongyang.", "The Kremlin said no.", "North Korea fired a missile." };
		int[] expected = { 1, 2, 2, 3 };

		// when: they open the one kept index at the same moment, twice over
		for (int round = 0; round < 2; round++) {
			List<Process> processes = new java.util.ArrayList<>();
			for (String query : queries) {
				processes.add(otherProcess(this.index, query, stories));
			}

			// then: each matches what its own query matches, whether it kept the index or
			// indexed in memory because another held it
			for (int i = 0; i < processes.size(); i++) {
				String printed = new String(processes.get(i).getInputStream().readAllBytes()).strip();
				assertThat(processes.get(i).waitFor()).as(printed).isZero();
				assertThat(printed).as(queries.get(i)).endsWith(" " + expected[i]);
			}
		}
		// and: the index is whole: read back here, it matches as in memory
		try (TopicMatcher kept = open(Map.of("t:1", queries.get(3)))) {
			for (String story : stories) {
				assertThat(kept.match(List.of(article("Talks", story)))).as(story).hasSize(1);
			}
		}
	}

	/** A JVM of its own running {@link QueryIndexWriter}. */
	private static Process otherProcess(Path index, String query, String... stories) throws java.io.IOException {
		List<String> command = new java.util.ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), QueryIndexWriter.class.getName(), index.toString(), query));
		command.addAll(List.of(stories));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private TopicMatcher open(Map<String, String> queries) {
		return new TopicMatcher(queries, Map.of(), (invalid) -> {
			throw invalid;
		}, this.index);
	}

}
