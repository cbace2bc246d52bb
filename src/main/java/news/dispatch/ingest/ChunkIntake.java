package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * Reads a chunk's items into stories and asks the store about all of them at once, in
 * three queries rather than three per item: which texts the source gave before (for items
 * with no key of their own), and which are stored already, as the same text (by hash) or
 * as a near-duplicate (by MinHash).
 */
final class ChunkIntake {

	private final StoredStories articles;

	private final SourceStates states;

	private final long sourceId;

	private final IngestSettings.NearDuplicate near;

	ChunkIntake(StoredStories articles, SourceStates states, long sourceId, IngestSettings.NearDuplicate near) {
		this.articles = articles;
		this.states = states;
		this.sourceId = sourceId;
		this.near = near;
	}

	/**
	 * One item, read, and what the store knows of it.
	 *
	 * @param draft the story, or null when the item was refused
	 * @param refusal why the item cannot be a story, or null
	 * @param key what marks the item as given by the source
	 * @param seenBefore whether the source gave the same text before (an item with no key
	 * of its own)
	 * @param stored the stored story it is the same as, if any
	 */
	record Read(@Nullable ArticleDraft draft, @Nullable RuntimeException refusal, String hash, String key,
			MinHash.@Nullable Fingerprint fingerprint, boolean seenBefore, @Nullable Long stored) {

		/**
		 * The story.
		 * @throws RuntimeException the refusal, when the item was refused
		 */
		ArticleDraft story() {
			if (this.refusal != null) {
				throw this.refusal;
			}
			return Objects.requireNonNull(this.draft);
		}

		Read withStoreAnswers(boolean seenBefore, @Nullable Long stored) {
			return new Read(this.draft, this.refusal, this.hash, this.key, this.fingerprint, seenBefore, stored);
		}

	}

	/**
	 * The items, read, in their order.
	 * @param storedBands gets the MinHash band keys of the items that are stored already
	 */
	List<Read> read(List<? extends Incoming> items, Set<Long> storedBands) {
		List<Read> reads = items.stream().map(this::read).toList();
		List<String> textKeys = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			if (items.get(i).seenKey() == null && reads.get(i).draft() != null) {
				textKeys.add(reads.get(i).key());
			}
		}
		Set<String> seen = textKeys.isEmpty() ? Set.of() : this.states.seen(this.sourceId, textKeys);
		List<Read> asked = new ArrayList<>();
		for (Read read : reads) {
			if (read.draft() != null && !seen.contains(read.key())) {
				asked.add(read);
			}
		}
		Map<String, Long> same = this.articles.idsOf(asked.stream().map(Read::hash).toList());
		List<Read> near = asked.stream()
			.filter((read) -> !same.containsKey(read.hash()) && read.fingerprint() != null)
			.toList();
		Map<Read, @Nullable Long> nearest = new IdentityHashMap<>();
		if (!near.isEmpty()) {
			List<@Nullable Long> found = this.articles.nearest(near.stream().map(Read::fingerprint).toList(),
					this.near.minSimilarity(), storedBands);
			for (int i = 0; i < near.size(); i++) {
				nearest.put(near.get(i), found.get(i));
			}
		}
		List<Read> answered = new ArrayList<>(reads.size());
		for (Read read : reads) {
			Long stored = nearest.containsKey(read) ? nearest.get(read) : same.get(read.hash());
			answered.add(read.withStoreAnswers(seen.contains(read.key()), stored));
		}
		return answered;
	}

	private Read read(Incoming incoming) {
		Future<Read> ahead = incoming.readAhead();
		if (ahead == null) {
			return read(incoming, this.near.minWords());
		}
		try {
			return ahead.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading " + incoming.item(), ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not read " + incoming.item(), ex.getCause());
		}
	}

	/**
	 * Reads one item and fingerprints its text; a refusal is kept, not thrown. Safe to
	 * call from any thread: it only reads the item.
	 */
	static Read read(Incoming incoming, int minWords) {
		try {
			ArticleDraft draft = incoming.intake().draft();
			String hash = draft.contentHash();
			String key = (incoming.seenKey() != null) ? incoming.seenKey() : "hash:" + hash;
			return new Read(draft, null, hash, key, MinHash.fingerprint(draft.body(), minWords), false, null);
		}
		catch (RuntimeException ex) {
			String key = (incoming.seenKey() != null) ? incoming.seenKey() : "";
			return new Read(null, ex, "", key, null, false, null);
		}
	}

}
