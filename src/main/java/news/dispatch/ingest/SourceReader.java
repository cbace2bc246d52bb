package news.dispatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.rometools.rome.feed.synd.SyndEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one source, giving only what it did not give before. A folder's files are listed
 * in name order (hidden ones left out); a feed is downloaded with the validators of its
 * last complete fetch (ahead of its turn, by {@link SourcePrefetch}, when it can be) and
 * its entries given in order; a page is one item. A source that cannot be read at all
 * (the server fails, the feed is broken past repair) is thrown once as an
 * {@link UnusableInputException}, which the step skips and reports; the validators are
 * kept only when every item was read, in the transaction of the last chunk.
 */
class SourceReader implements ItemStreamReader<Incoming> {

	private final SourceSpec spec;

	private final IngestSettings settings;

	private final SourceStates states;

	private final Refusals refusals;

	private final long jobExecutionId;

	private final SourcePrefetch prefetch;

	private final SourceHealth health;

	private final Fetcher fetcher;

	private final ArticleFiles files;

	private final PageExtractor pages;

	private final FeedEntries entries;

	private final @Nullable LinkedPages linkedPages;

	private SourceStates.@Nullable State state;

	private @Nullable SourceDownload fetched;

	private @Nullable Iterator<Incoming> items;

	private final Queue<Incoming> ahead = new ArrayDeque<>();

	/**
	 * Items asked about at once, and held ahead of the chunk being stored: twice a chunk.
	 */
	private final int lookAhead;

	private final @Nullable ExecutorService readers;

	SourceReader(SourceSpec spec, IngestSettings settings, SourceStates states, Refusals refusals, long jobExecutionId,
			SourcePrefetch prefetch, SourceHealth health, HostGates hosts) {
		this.spec = spec;
		this.settings = settings;
		this.states = states;
		this.refusals = refusals;
		this.jobExecutionId = jobExecutionId;
		this.prefetch = prefetch;
		this.health = health;
		this.fetcher = new Fetcher(settings, hosts);
		Boilerplate cleaner = settings.cleaner();
		this.files = new ArticleFiles(settings.maxFileSize().toBytes(), cleaner);
		this.pages = new PageExtractor(cleaner);
		this.entries = new FeedEntries(cleaner);
		this.linkedPages = spec.fullText() ? new LinkedPages(settings, hosts) : null;
		this.lookAhead = Math.max(2, 2 * settings.chunkSize());
		this.readers = (settings.readAheadThreads() > 0)
				? Executors.newFixedThreadPool(settings.readAheadThreads(), (task) -> {
					Thread thread = new Thread(task, "ingest-read-ahead");
					thread.setDaemon(true);
					return thread;
				}) : null;
	}

	long sourceId() {
		return state().id();
	}

	@Override
	public @Nullable Incoming read() {
		if (this.items == null) {
			this.items = Collections.emptyIterator();
			this.items = open();
		}
		// refilled at half, so the items of the next chunk are being read while this one
		// is stored
		while (this.ahead.size() <= this.lookAhead / 2 && this.items.hasNext()) {
			lookAhead();
		}
		if (!this.ahead.isEmpty()) {
			return this.ahead.poll();
		}
		if (this.fetched != null) {
			this.states.fetched(sourceId(), this.fetched.etag(), this.fetched.lastModified(), Instant.now());
			succeeded(this.fetched);
			this.fetched = null;
		}
		return null;
	}

	private SourceStates.State state() {
		if (this.state == null) {
			this.state = this.states.of(this.spec.location());
		}
		return this.state;
	}

	/**
	 * Takes the next items and keeps those the source did not give before, asking the
	 * store about a whole batch at once.
	 */
	private void lookAhead() {
		List<Incoming> batch = new ArrayList<>(this.lookAhead);
		while (batch.size() < this.lookAhead && this.items.hasNext()) {
			batch.add(this.items.next());
		}
		Set<String> seen = this.states.seen(sourceId(),
				batch.stream().map(Incoming::seenKey).filter(Objects::nonNull).toList());
		for (Incoming item : batch) {
			if (item.seenKey() == null || !seen.contains(item.seenKey())) {
				this.ahead.add(readAhead(item));
			}
		}
	}

	/**
	 * The item, handed to a background thread to be read and fingerprinted while the step
	 * stores what it read before.
	 */
	private Incoming readAhead(Incoming item) {
		if (this.readers == null) {
			return item;
		}
		int minWords = this.settings.nearDuplicate().minWords();
		return item.withReadAhead(this.readers.submit(() -> ChunkIntake.read(item, minWords)));
	}

	@Override
	public void close() {
		if (this.readers != null) {
			this.readers.shutdownNow();
		}
	}

	private Iterator<Incoming> open() {
		return switch (this.spec.type()) {
			case FOLDER -> folder(this.spec.folder());
			case FEED, FEED_OR_PAGE, PAGE -> download();
		};
	}

	private Iterator<Incoming> folder(Path folder) {
		if (!Files.isDirectory(folder)) {
			throw new UnusableInputException(this.spec.name(), folder.toString(),
					"the folder does not exist or is not a folder; fix dispatch.ingest.sources");
		}
		List<Path> paths = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(folder)) {
			walk.filter(Files::isRegularFile)
				.filter((path) -> !isHidden(folder.relativize(path)))
				.sorted(Comparator.comparing(Path::toString))
				.forEach(paths::add);
		}
		catch (IOException ex) {
			throw new UnusableInputException(this.spec.name(), folder.toString(),
					"the folder cannot be listed (" + ex.getMessage() + "); check its permissions");
		}
		Iterator<Path> each = paths.iterator();
		return new Iterator<>() {
			private Iterator<Incoming> parts = Collections.emptyIterator();

			@Override
			public boolean hasNext() {
				while (!this.parts.hasNext() && each.hasNext()) {
					this.parts = parts(folder, each.next());
				}
				return this.parts.hasNext();
			}

			@Override
			public Incoming next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.parts.next();
			}
		};
	}

	/**
	 * The items of one file: the file, or each article of a JSON list, marked as given
	 * with the file's path, size and time (and the article's place in the list).
	 */
	private Iterator<Incoming> parts(Path folder, Path path) {
		String item = folder.relativize(path).toString();
		String key = fileKey(item, path);
		return this.files.parts(this.spec.name(), item, path)
			.stream()
			.map((part) -> new Incoming(this.spec.name(), part.item(), key + part.place(), part.intake()))
			.iterator();
	}

	private static String fileKey(String item, Path path) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
			return "file:" + item + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The feed's or page's items; none when it is not due or has not changed. A failure
	 * is recorded (and may back the source off) before it is thrown to be reported.
	 */
	private Iterator<Incoming> download() {
		SourceStates.State known = state();
		String wait = this.health.notDue(this.spec, known, Instant.now());
		if (wait != null) {
			note(wait);
			return Collections.emptyIterator();
		}
		SourceDownload document;
		try {
			document = this.prefetch.take(this.jobExecutionId, this.spec.location());
			if (document == null || !document.due()) {
				document = SourceDownload.of(this.spec, this.settings, this.fetcher, known);
			}
		}
		catch (UnusableInputException ex) {
			throw this.health.failed(this.spec, known, ex, Instant.now());
		}
		if (document.unchanged()) {
			succeeded(document);
			return Collections.emptyIterator();
		}
		this.fetched = document;
		String address = Objects.requireNonNull(document.address());
		FeedParser.Feed feed = document.feed();
		if (feed == null) {
			String html = Objects.requireNonNull(document.page());
			return List
				.<Incoming>of(new Incoming(this.spec.name(), address, null,
						() -> this.pages.extract(html, address, this.spec.name(), address)))
				.iterator();
		}
		for (String note : feed.notes()) {
			this.refusals.note(this.jobExecutionId, new Refusals.Refusal(this.spec.name(), this.spec.location(), note));
		}
		String title = (feed.title() != null) ? HtmlText.normalise(feed.title()) : "";
		return entries(feed, address, (this.spec.named() || title.isEmpty()) ? this.spec.name() : title);
	}

	private void succeeded(SourceDownload document) {
		String back = this.health.succeeded(state(), document, Instant.now());
		if (back != null) {
			note(back);
		}
	}

	private void note(String note) {
		this.refusals.note(this.jobExecutionId, new Refusals.Refusal(this.spec.name(), this.spec.location(), note));
	}

	private Iterator<Incoming> entries(FeedParser.Feed feed, String address, String storySource) {
		List<SyndEntry> all = feed.entries();
		boolean undated = all.stream().anyMatch((e) -> e.getPublishedDate() == null && e.getUpdatedDate() == null);
		List<@Nullable String> rawDates = undated ? FeedParser.rawDates(feed.text()) : List.of();
		Iterator<SyndEntry> each = all.iterator();
		return new Iterator<>() {
			private int index;

			@Override
			public boolean hasNext() {
				return each.hasNext();
			}

			@Override
			public Incoming next() {
				SyndEntry entry = each.next();
				int at = this.index++;
				String item = FeedEntries.item(entry, at, address);
				String rawDate = (at < rawDates.size()) ? rawDates.get(at) : null;
				return new Incoming(spec.name(), item, FeedEntries.seenKey(entry, address), () -> {
					ArticleDraft draft = entries.draft(entry, spec.name(), item, address, rawDate);
					return whole(draft).withSource(storySource);
				});
			}
		};
	}

	/**
	 * The story with the text of the page it links to, when the source gives only
	 * summaries; the report notes a page that could not be read.
	 */
	private ArticleDraft whole(ArticleDraft summary) {
		if (this.linkedPages == null) {
			return summary;
		}
		LinkedPages.Story story = this.linkedPages.complete(summary);
		if (story.note() != null) {
			this.refusals.note(this.jobExecutionId,
					new Refusals.Refusal(summary.source(), summary.item(), story.note()));
		}
		return story.draft();
	}

	private static boolean isHidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

}
