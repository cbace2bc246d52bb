package news.dispatch.ingest;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a source is called in the run report and under "also in" when no name is
 * configured for it.
 */
class SourceSpecTests {

	@Test
	void aFeedWithoutANameIsCalledByItsHostPathAndQuery() {
		// given: two feeds of one site that differ only in their query
		List<String> locations = List.of("https://news.example.com/feed?cat=sport",
				"https://news.example.com/feed?cat=politics", "https://news.example.com/",
				"https://wire.example.net/rss");

		// when
		List<SourceSpec> specs = SourceSpec.resolve(locations, List.of());

		// then: each has a name of its own, without the scheme
		assertThat(specs).extracting(SourceSpec::name)
			.containsExactly("news.example.com/feed?cat=sport", "news.example.com/feed?cat=politics",
					"news.example.com", "wire.example.net/rss");
		assertThat(specs).noneMatch(SourceSpec::named);
	}

	@Test
	void aConfiguredNameIsKept() {
		// given
		IngestSettings.Source sport = new IngestSettings.Source("https://news.example.com/feed?cat=sport", "Sport desk",
				"auto", false);

		// when
		List<SourceSpec> specs = SourceSpec.resolve(List.of(sport.location()), List.of(sport));

		// then
		assertThat(specs).singleElement().satisfies((spec) -> {
			assertThat(spec.name()).isEqualTo("Sport desk");
			assertThat(spec.named()).isTrue();
		});
	}

}
