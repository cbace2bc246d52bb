package news.dispatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import news.dispatch.article.Articles;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.ChunkListener;
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
 * <p>
 * The store is asked about a whole chunk at once: before the chunk is processed, its
 * items are read (see {@link ChunkIntake}) and looked up together; the processor then
 * only decides, in order, and the writer stores the chunk's new stories, appearances and
 * seen keys in batches.
 */
class StoryDesk implements ChunkListener<Incoming, StoryDesk.Story>, ItemProcessor<Incoming, StoryDesk.Story>,
		ItemWriter<StoryDesk.Story> {

	private final StoredStories articles;

	private final SourceStates states;

	private final Refusals refusals;

	private final long sourceId;

	private final long jobExecutionId;

	private final ChunkIntake intake;

	private final double minSimilarity;

	private final Duration futureTolerance;

	private final Map<Incoming, ChunkIntake.Read> ready = new IdentityHashMap<>();

	private final Map<String, Story> pendingByHash = new HashMap<>();

	private final Map<Long, List<Story>> pendingByBand = new HashMap<>();

	private final List<StoredStories.Appearance> storedAgain = new ArrayList<>();

	private final List<String> storedAgainKeys = new ArrayList<>();

	private final Set<Long> storedBands = new HashSet<>();

	StoryDesk(StoredStories articles, SourceStates states, Refusals refusals, long sourceId, long jobExecutionId,
			IngestSettings settings) {
		this.articles = articles;
		this.states = states;
		this.refusals = refusals;
		this.sourceId = sourceId;
		this.jobExecutionId = jobExecutionId;
		this.intake = new ChunkIntake(articles, states, sourceId, settings.nearDuplicate());
		this.minSimilarity = settings.nearDuplicate().minSimilarity();
		this.futureTolerance = settings.futureTolerance();
	}

	/**
	 * A new story on its way to the store, with the copies of it found in the same chunk.
	 */
	static final class Story {

		final ArticleDraft draft;

		final String hash;

		final MinHash.@Nullable Fingerprint fingerprint;

		final String key;

		final List<ArticleDraft> copies = new ArrayList<>();

		final List<String> copyKeys = new ArrayList<>();

		Story(ArticleDraft draft, String hash, MinHash.@Nullable Fingerprint fingerprint, String key) {
			this.draft = draft;
			this.hash = hash;
			this.fingerprint = fingerprint;
			this.key = key;
		}

	}

	@Override
	public void beforeChunk(Chunk<Incoming> chunk) {
		clear();
		List<ChunkIntake.Read> reads = this.intake.read(chunk.getItems(), this.storedBands);
		for (int i = 0; i < reads.size(); i++) {
			this.ready.put(chunk.getItems().get(i), reads.get(i));
		}
	}

	@Override
	public @Nullable Story process(Incoming incoming) {
		ChunkIntake.Read read = this.ready.remove(incoming);
		if (read == null) {
			// not read with its chunk (a processor used on its own)
			read = this.intake.read(List.of(incoming), this.storedBands).get(0);
		}
		ArticleDraft text = read.story();
		if (read.seenBefore()) {
			return null;
		}
		refuseOversized(text, incoming.source());
		ArticleDraft draft = dated(text, incoming.source());
		MinHash.Fingerprint fingerprint = read.fingerprint();
		Story inChunk = this.pendingByHash.get(read.hash());
		if (inChunk == null && fingerprint != null) {
			inChunk = inChunk(fingerprint);
		}
		if (inChunk != null) {
			inChunk.copies.add(draft);
			inChunk.copyKeys.add(read.key());
			return null;
		}
		if (read.stored() != null) {
			this.storedAgain
				.add(new StoredStories.Appearance(read.stored(), draft.source(), draft.item(), draft.url()));
			this.storedAgainKeys.add(read.key());
			return null;
		}
		Story story = new Story(draft, read.hash(), fingerprint, read.key());
		this.pendingByHash.put(story.hash, story);
		if (fingerprint != null) {
			for (long band : fingerprint.bands()) {
				this.pendingByBand.computeIfAbsent(band, (b) -> new ArrayList<>()).add(story);
			}
		}
		return story;
	}

	@Override
	public void write(Chunk<? extends Story> chunk) {
		Instant now = Instant.now();
		List<StoredStories.NewStory> stories = new ArrayList<>(chunk.size());
		for (Story story : chunk) {
			stories.add(new StoredStories.NewStory(story.draft, story.hash,
					(story.fingerprint != null) ? story.fingerprint.bands() : null));
		}
		Map<String, Long> ids = this.articles.add(stories, this.storedBands, now);
		List<StoredStories.Appearance> appearances = new ArrayList<>(this.storedAgain);
		List<String> keys = new ArrayList<>(this.storedAgainKeys);
		for (Story story : chunk) {
			Long id = ids.get(story.hash);
			if (id != null) {
				appearances
					.add(new StoredStories.Appearance(id, story.draft.source(), story.draft.item(), story.draft.url()));
				for (ArticleDraft copy : story.copies) {
					appearances.add(new StoredStories.Appearance(id, copy.source(), copy.item(), copy.url()));
				}
			}
			keys.add(story.key);
			keys.addAll(story.copyKeys);
		}
		this.articles.appeared(appearances, now);
		this.states.markSeen(this.sourceId, keys);
		clear();
	}

	private void clear() {
		this.ready.clear();
		this.pendingByBand.clear();
		this.pendingByHash.clear();
		this.storedAgain.clear();
		this.storedAgainKeys.clear();
		this.storedBands.clear();
	}

	private @Nullable Story inChunk(MinHash.Fingerprint fingerprint) {
		for (long band : fingerprint.bands()) {
			for (Story candidate : this.pendingByBand.getOrDefault(band, List.of())) {
				if (candidate.fingerprint != null && MinHash.similarity(candidate.fingerprint.shingles(),
						fingerprint.shingles()) >= this.minSimilarity) {
					return candidate;
				}
			}
		}
		return null;
	}

	/**
	 * A story longer than the store holds is refused here, as an item: stored, it would
	 * fail the chunk's insert and with it the source's whole step.
	 */
	private static void refuseOversized(ArticleDraft draft, String source) {
		int length = draft.body().length();
		if (length > Articles.MAX_BODY_LENGTH) {
			throw new UnusableInputException(source, draft.item(),
					"the story has " + length + " characters, more than the " + Articles.MAX_BODY_LENGTH
							+ " a stored article can hold; it was left out (a transcript or a whole archive in"
							+ " one entry is not a news story)");
		}
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
