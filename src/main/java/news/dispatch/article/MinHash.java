package news.dispatch.article;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Near-duplicate detection by shingles and MinHash (Broder's method): a text's words are
 * folded to lower case and cut into overlapping three-word shingles; two texts are the
 * same story when the Jaccard similarity of their shingle sets (shared shingles over all
 * shingles) reaches a threshold. To find candidates without comparing every pair, each
 * text gets a MinHash signature of 64 values, cut into 16 bands of 4 (locality-sensitive
 * hashing): texts that share any band are compared exactly. A pair with similarity 0.5
 * shares a band with probability 0.64, 0.6 with 0.89, 0.7 with 0.99, 0.8 with 0.9998.
 * Punctuation, quotes and white space are not words, so "curly" or "straight" quotes and
 * re-wrapped lines change nothing.
 */
final class MinHash {

	static final int SHINGLE = 3;

	static final int BANDS = 16;

	static final int ROWS = 4;

	private static final long[] SEEDS = new long[BANDS * ROWS];

	static {
		long seed = 0x5DEECE66DL;
		for (int i = 0; i < SEEDS.length; i++) {
			seed += 0x9E3779B97F4A7C15L;
			SEEDS[i] = mix(seed);
		}
	}

	private MinHash() {
	}

	/**
	 * The text's words: runs of letters and digits, lower case.
	 */
	static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (Character.isLetterOrDigit(c)) {
				word.appendCodePoint(Character.toLowerCase(c));
			}
			else if (!word.isEmpty()) {
				words.add(word.toString());
				word.setLength(0);
			}
		});
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		return words;
	}

	/**
	 * The distinct hashes of the words' three-word shingles, sorted.
	 */
	static long[] shingles(List<String> words) {
		int count = Math.max(1, words.size() - SHINGLE + 1);
		long[] shingles = new long[count];
		for (int i = 0; i < count; i++) {
			long hash = 0xcbf29ce484222325L;
			for (int j = i; j < Math.min(words.size(), i + SHINGLE); j++) {
				String word = words.get(j);
				for (int k = 0; k < word.length(); k++) {
					hash = (hash ^ word.charAt(k)) * 0x100000001b3L;
				}
				hash = (hash ^ ' ') * 0x100000001b3L;
			}
			shingles[i] = mix(hash);
		}
		return Arrays.stream(shingles).sorted().distinct().toArray();
	}

	/**
	 * The keys of the signature's bands: texts that share one are candidates.
	 */
	static long[] bands(long[] shingles) {
		long[] signature = new long[SEEDS.length];
		Arrays.fill(signature, Long.MAX_VALUE);
		for (long shingle : shingles) {
			for (int i = 0; i < SEEDS.length; i++) {
				long value = mix(shingle ^ SEEDS[i]);
				if (value < signature[i]) {
					signature[i] = value;
				}
			}
		}
		long[] bands = new long[BANDS];
		for (int band = 0; band < BANDS; band++) {
			long key = band;
			for (int row = 0; row < ROWS; row++) {
				key = mix(key * 31 + signature[band * ROWS + row]);
			}
			bands[band] = key;
		}
		return bands;
	}

	/**
	 * The Jaccard similarity of two sorted shingle sets.
	 */
	static double similarity(long[] a, long[] b) {
		int i = 0;
		int j = 0;
		int shared = 0;
		while (i < a.length && j < b.length) {
			if (a[i] == b[j]) {
				shared++;
				i++;
				j++;
			}
			else if (a[i] < b[j]) {
				i++;
			}
			else {
				j++;
			}
		}
		int union = a.length + b.length - shared;
		return (union == 0) ? 0 : (double) shared / union;
	}

	private static long mix(long value) {
		long z = value;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
