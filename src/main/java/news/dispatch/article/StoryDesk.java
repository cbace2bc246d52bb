package news.dispatch.article;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Decides, item by item, whether a source's item is a new story, and stores the new ones
 * chunk by chunk. An item the source gave before is passed over; a text already stored,
 * or one whose shingles are at least {@code near-duplicate.min-similarity} alike, is the
 * same story seen again: it is recorded as one more appearance ("also in") and counted as
 * a duplicate. Stories of the chunk not yet written are compared too, so two copies in
 * one chunk are still one story. Only the current chunk is held in memory.
 */
class StoryDesk implements ItemProcessor<Incoming, StoryDesk.Story>, ItemWriter<StoryDesk.Story> {

	private final Articles articles;

	private final SourceStates states;

	private final Refusals refusals;

	private final long sourceId;

	private final long jobExecutionId;

	private final IngestSettings.NearDuplicate near;

	private final Duration futureTolerance;

	private final Map<String, Story> pendingByHash = new HashMap<>();

	private final Map<Long, List<Story>> pendingByBand = new HashMap<>();

	StoryDesk(Articles articles, SourceStates states, Refusals refusals, long sourceId, long jobExecutionId,
			IngestSettings settings) {
		this.articles = articles;
		this.states = states;
		this.refusals = refusals;
		this.sourceId = sourceId;
		this.jobExecutionId = jobExecutionId;
		this.near = settings.nearDuplicate();
		this.futureTolerance = settings.futureTolerance();
	}

	/**
	 * A new story on its way to the store, with the copies of it found in the same chunk.
	 */
	static final class Story {

		final ArticleDraft draft;

		final long @Nullable [] shingles;

		final long @Nullable [] bands;

		final String key;

		final List<ArticleDraft> copies = new ArrayList<>();

		final List<String> copyKeys = new ArrayList<>();

		Story(ArticleDraft draft, long @Nullable [] shingles, String key) {
			this.draft = draft;
			this.shingles = shingles;
			this.bands = (shingles != null) ? MinHash.bands(shingles) : null;
			this.key = key;
		}

	}

	@Override
	public @Nullable Story process(Incoming incoming) {
		ArticleDraft read = incoming.intake().draft();
		String hash = read.contentHash();
		String key = (incoming.seenKey() != null) ? incoming.seenKey() : "hash:" + hash;
		if (incoming.seenKey() == null && this.states.seen(this.sourceId, key)) {
			return null;
		}
		ArticleDraft draft = dated(read, incoming.source());
		long[] shingles = shingles(draft);
		Story inChunk = this.pendingByHash.get(hash);
		Story story = new Story(draft, shingles, key);
		if (inChunk == null && story.shingles != null && story.bands != null) {
			inChunk = inChunk(story.shingles, story.bands);
		}
		if (inChunk != null) {
			inChunk.copies.add(draft);
			inChunk.copyKeys.add(key);
			return null;
		}
		// the same text has the same bands, so the near search finds exact copies too
		Long stored = (story.shingles != null && story.bands != null)
				? this.articles.nearest(story.shingles, story.bands, this.near.minSimilarity())
				: this.articles.idOf(hash);
		if (stored != null) {
			this.articles.appeared(stored, draft.source(), draft.item(), draft.url(), Instant.now());
			this.states.markSeen(this.sourceId, List.of(key));
			return null;
		}
		this.pendingByHash.put(hash, story);
		if (story.bands != null) {
			for (long band : story.bands) {
				this.pendingByBand.computeIfAbsent(band, (b) -> new ArrayList<>()).add(story);
			}
		}
		return story;
	}

	@Override
	public void write(Chunk<? extends Story> chunk) {
		Instant now = Instant.now();
		List<String> keys = new ArrayList<>();
		List<Articles.Appearance> appearances = new ArrayList<>();
		for (Story story : chunk) {
			Long id = this.articles.add(story.draft, story.bands, now);
			if (id == null) {
				id = this.articles.idOf(story.draft.contentHash());
			}
			if (id != null) {
				appearances
					.add(new Articles.Appearance(id, story.draft.source(), story.draft.item(), story.draft.url()));
				for (ArticleDraft copy : story.copies) {
					appearances.add(new Articles.Appearance(id, copy.source(), copy.item(), copy.url()));
				}
			}
			keys.add(story.key);
			keys.addAll(story.copyKeys);
		}
		this.articles.appeared(appearances, now);
		this.states.markSeen(this.sourceId, keys);
		this.pendingByBand.clear();
		this.pendingByHash.clear();
	}

	private @Nullable Story inChunk(long[] shingles, long[] bands) {
		for (long band : bands) {
			for (Story candidate : this.pendingByBand.getOrDefault(band, List.of())) {
				if (candidate.shingles != null
						&& MinHash.similarity(candidate.shingles, shingles) >= this.near.minSimilarity()) {
					return candidate;
				}
			}
		}
		return null;
	}

	private long @Nullable [] shingles(ArticleDraft draft) {
		long[] words = MinHash.wordHashes(draft.body());
		return (words.length >= this.near.minWords()) ? MinHash.shingles(words) : null;
	}

	/**
	 * The draft with a publication time that can be believed: an unreadable time or one
	 * in the future is replaced by the time of ingest, and the report says so.
	 */
	private ArticleDraft dated(ArticleDraft draft, String source) {
		if (draft.publishedAt() != null && draft.publishedAt().isAfter(Instant.now().plus(this.futureTolerance))) {
			note(source, draft,
					"the date " + draft.publishedAt() + " is in the future; stored with the time of ingest");
			return draft.withPublishedAt(null);
		}
		if (draft.publishedAt() == null && draft.unreadableDate() != null) {
			note(source, draft,
					"the date \"" + draft.unreadableDate() + "\" cannot be read; stored with the time of ingest");
			return draft.withPublishedAt(null);
		}
		return draft;
	}

	private void note(String source, ArticleDraft draft, String reason) {
		this.refusals.note(this.jobExecutionId, new Refusals.Refusal(source, draft.item(), reason));
	}

}
