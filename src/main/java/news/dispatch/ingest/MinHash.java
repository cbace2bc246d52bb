package news.dispatch.ingest;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Near-duplicate detection by shingles and MinHash (Broder's method): a text's words are
 * folded to lower case and cut into overlapping three-word shingles; two texts are the
 * same story when the Jaccard similarity of their shingle sets (shared shingles over all
 * shingles) reaches a threshold. To find candidates without comparing every pair, each
 * text gets a MinHash signature of 30 values, cut into 10 bands of 3 (locality-sensitive
 * hashing): texts that share any band are compared exactly. A pair with similarity 0.5
 * shares a band with probability 0.74, 0.6 with 0.91, 0.7 with 0.985, 0.8 with 0.999; a
 * pair with similarity 0.3 is compared needlessly with probability 0.24, 0.1 with 0.01.
 * (The 16 bands of 4 used before found a 0.5 pair with probability 0.64 and cost 16
 * stored keys a story instead of 10.) Punctuation, quotes and white space are not words,
 * so "curly" or "straight" quotes and re-wrapped lines change nothing.
 */
final class MinHash {

	static final int SHINGLE = 3;

	static final int BANDS = 10;

	static final int ROWS = 3;

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
	 * What near-duplicate search knows of a text: its shingles and its band keys.
	 */
	record Fingerprint(long[] shingles, long[] bands) {
	}

	/**
	 * The text's fingerprint, or null when it has fewer than {@code minWords} words:
	 * short texts share too few shingles to compare.
	 */
	static @Nullable Fingerprint fingerprint(String text, int minWords) {
		long[] words = wordHashes(text);
		if (words.length < minWords) {
			return null;
		}
		long[] shingles = shingles(words);
		return new Fingerprint(shingles, bands(shingles));
	}

	/**
	 * The hashes of the text's words (runs of letters and digits, case folded), in order.
	 */
	static long[] wordHashes(String text) {
		long[] hashes = new long[16];
		int count = 0;
		long hash = 0xcbf29ce484222325L;
		boolean inWord = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
				hash = (hash ^ Character.toLowerCase(c)) * 0x100000001b3L;
				inWord = true;
			}
			else if (inWord) {
				if (count == hashes.length) {
					hashes = Arrays.copyOf(hashes, count * 2);
				}
				hashes[count++] = hash;
				hash = 0xcbf29ce484222325L;
				inWord = false;
			}
		}
		if (inWord) {
			hashes = (count == hashes.length) ? Arrays.copyOf(hashes, count + 1) : hashes;
			hashes[count++] = hash;
		}
		return Arrays.copyOf(hashes, count);
	}

	/**
	 * The distinct hashes of the text's three-word shingles, sorted.
	 */
	static long[] shingles(String text) {
		return shingles(wordHashes(text));
	}

	/**
	 * The distinct hashes of three-word shingles of these word hashes, sorted.
	 */
	static long[] shingles(long[] words) {
		int count = Math.max(1, words.length - SHINGLE + 1);
		long[] shingles = new long[count];
		for (int i = 0; i < count; i++) {
			long hash = 0;
			for (int j = i; j < Math.min(words.length, i + SHINGLE); j++) {
				hash = mix(hash * 31 + words[j]);
			}
			shingles[i] = hash;
		}
		Arrays.sort(shingles);
		int distinct = 0;
		for (int i = 0; i < shingles.length; i++) {
			if (i == 0 || shingles[i] != shingles[i - 1]) {
				shingles[distinct++] = shingles[i];
			}
		}
		return Arrays.copyOf(shingles, distinct);
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
