package news.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which command lines start from the bean definitions prepared ahead of time: only those
 * that read, whatever options surround them.
 */
class ReadOnlyCommandsTests {

	@Test
	void listingsShowingAndHelpOnlyRead() {
		assertThat(DispatchApplication.onlyReads("jobs", "list", "--status", "FAILED")).isTrue();
		assertThat(DispatchApplication.onlyReads("--dispatch.data-dir=/tmp/x", "jobs", "show", "3")).isTrue();
		assertThat(DispatchApplication.onlyReads("topics", "list", "--json")).isTrue();
		assertThat(DispatchApplication.onlyReads("digest", "--help")).isTrue();
		assertThat(DispatchApplication.onlyReads()).isTrue();
	}

	@Test
	void commandsThatRunOrChangeSomethingStartAsUsual() {
		assertThat(DispatchApplication.onlyReads("digest", "--date", "2026-11-29")).isFalse();
		assertThat(DispatchApplication.onlyReads("jobs", "restart", "3")).isFalse();
		assertThat(DispatchApplication.onlyReads("topics", "import", "topics.yml")).isFalse();
		assertThat(DispatchApplication.onlyReads("topics", "test", "russia")).isFalse();
		assertThat(DispatchApplication.onlyReads("jobs", "listing")).isFalse();
		assertThat(DispatchApplication.onlyReads("demo")).isFalse();
	}

}
