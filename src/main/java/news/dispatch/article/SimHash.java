package news.dispatch.article;

import java.util.ArrayList;
import java.util.List;

/**
 * A 64-bit SimHash fingerprint of a text (Charikar's method, as used for near-duplicate
 * web pages by Manku, Jain and Das Sarma): the text's words are folded to lower case, cut
 * into overlapping three-word shingles, each shingle hashed to 64 bits, and each bit of
 * the fingerprint set where most shingles have it set. Texts that share most of their
 * shingles get fingerprints a few bits apart; unrelated texts differ in about 32 bits.
 * Punctuation, quotes and white space do not count, so "curly" and "straight" quotes or a
 * re-wrapped paragraph change nothing.
 */
final class SimHash {

	static final int SHINGLE = 3;

	private SimHash() {
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

	static long fingerprint(List<String> words) {
		int[] votes = new int[64];
		int shingles = Math.max(1, words.size() - SHINGLE + 1);
		for (int i = 0; i < shingles; i++) {
			long hash = 0xcbf29ce484222325L;
			for (int j = i; j < Math.min(words.size(), i + SHINGLE); j++) {
				hash = fnv(hash, words.get(j));
				hash = fnv(hash, " ");
			}
			hash = mix(hash);
			for (int bit = 0; bit < 64; bit++) {
				votes[bit] += (((hash >>> bit) & 1L) != 0) ? 1 : -1;
			}
		}
		long fingerprint = 0;
		for (int bit = 0; bit < 64; bit++) {
			if (votes[bit] > 0) {
				fingerprint |= 1L << bit;
			}
		}
		return fingerprint;
	}

	static int distance(long a, long b) {
		return Long.bitCount(a ^ b);
	}

	/**
	 * The fingerprint's four 16-bit bands. Two fingerprints at most 3 bits apart share at
	 * least one band (the differing bits fall in at most three of the four).
	 */
	static int[] bands(long fingerprint) {
		return new int[] { (int) ((fingerprint >>> 48) & 0xFFFF), (int) ((fingerprint >>> 32) & 0xFFFF),
				(int) ((fingerprint >>> 16) & 0xFFFF), (int) (fingerprint & 0xFFFF) };
	}

	private static long fnv(long hash, String text) {
		long h = hash;
		for (int i = 0; i < text.length(); i++) {
			h ^= text.charAt(i);
			h *= 0x100000001b3L;
		}
		return h;
	}

	// FNV's low bits are weak; a finaliser spreads every input bit over all 64
	private static long mix(long value) {
		long z = value;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
