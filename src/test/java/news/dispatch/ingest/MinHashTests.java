package news.dispatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Near-duplicates: the same story syndicated with small edits is one story; another story
 * on the same subject, even one that repeats a paragraph, is not. The threshold is the
 * default {@code dispatch.ingest.near-duplicate.min-similarity} of 0.5.
 */
class MinHashTests {

	private static final double THRESHOLD = 0.5;

	@Test
	void aSyndicatedCopyWithEditedHeadlineQuotesAndACreditLineIsTheSameStory() throws IOException {
		long[] chronicle = shingles("rates-chronicle.txt");
		long[] wire = shingles("rates-wire.txt");

		assertThat(MinHash.similarity(chronicle, wire)).isGreaterThan(0.8);
		assertThat(sharesABand(chronicle, wire)).isTrue();
	}

	@Test
	void aCopyCutToItsFirstParagraphsIsTheSameStory() throws IOException {
		long[] chronicle = shingles("rates-chronicle.txt");
		long[] cut = shingles("rates-short-cut.txt");

		assertThat(MinHash.similarity(chronicle, cut)).isGreaterThanOrEqualTo(THRESHOLD);
		assertThat(sharesABand(chronicle, cut)).isTrue();
	}

	@Test
	void aFollowUpThatRepeatsTheLeadParagraphIsAnotherStory() throws IOException {
		assertThat(MinHash.similarity(shingles("rates-chronicle.txt"), shingles("rates-follow-up.txt")))
			.isLessThan(THRESHOLD);
	}

	@Test
	void unrelatedStoriesShareAlmostNothing() throws IOException {
		long[] rates = shingles("rates-chronicle.txt");
		long[] glacier = shingles("glacier.txt");

		assertThat(MinHash.similarity(rates, glacier)).isLessThan(0.05);
		assertThat(sharesABand(rates, glacier)).isFalse();
	}

	@Test
	void punctuationCaseAndLineBreaksDoNotCount() {
		long[] curly = MinHash.shingles("“The labour market,” she said, “remains tight.”");
		long[] straight = MinHash.shingles("\"the LABOUR market\", she said,\n\"remains tight\".");

		assertThat(MinHash.similarity(curly, straight)).isEqualTo(1.0);
	}

	private static boolean sharesABand(long[] a, long[] b) {
		long[] bandsA = MinHash.bands(a);
		long[] bandsB = MinHash.bands(b);
		for (int i = 0; i < bandsA.length; i++) {
			if (bandsA[i] == bandsB[i]) {
				return true;
			}
		}
		return false;
	}

	private static long[] shingles(String story) throws IOException {
		try (InputStream in = MinHashTests.class.getResourceAsStream("/fixtures/stories/" + story)) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			// the body, as the store compares bodies
			String body = text.substring(text.indexOf("\n\n") + 2);
			return MinHash.shingles(body);
		}
	}

}
