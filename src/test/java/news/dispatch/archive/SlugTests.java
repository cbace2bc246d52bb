package news.dispatch.archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A topic's slug is its name as an address part: lower case, accents dropped, every run
 * of other characters one hyphen, none at either end.
 */
class SlugTests {

	@Test
	void aNameBecomesLowerCaseWordsJoinedByHyphens() {
		assertThat(ArchiveTopics.slug("North Korea")).isEqualTo("north-korea");
		assertThat(ArchiveTopics.slug("  Côte d’Ivoire ")).isEqualTo("cote-d-ivoire");
		assertThat(ArchiveTopics.slug("COVID-19 / vaccines")).isEqualTo("covid-19-vaccines");
		assertThat(ArchiveTopics.slug("C++")).isEqualTo("c");
	}

	@Test
	void aNameWithoutLatinLettersOrDigitsHasAnEmptySlugForTheCatalogToReplace() {
		assertThat(ArchiveTopics.slug("日本")).isEmpty();
		assertThat(ArchiveTopics.slug("<script>")).isEqualTo("script");
	}

}
