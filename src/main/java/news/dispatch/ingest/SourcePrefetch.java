package news.dispatch.ingest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Downloads and parses a run's feeds and pages ahead of their turn, while the sources
 * before them are stored. The sources are still stored one after the other, in the order
 * given (the first to carry a story is the one it is stored from), but a newsroom's many
 * feeds no longer wait for each other's servers, and a large feed is parsed while a
 * folder is read. At most {@code prefetch-sources} documents are downloaded or held ahead
 * of the source being stored, so the heap holds that many feeds more than without; 0
 * turns it off. A source whose download failed gets the failure in its own step, as when
 * it downloads itself. A source that is not due (see {@link SourceHealth}) is not
 * downloaded.
 */
@Component
class SourcePrefetch {

	private final IngestSettings settings;

	private final SourceStates states;

	private final Fetcher fetcher;

	private final Map<Long, Run> runs = new ConcurrentHashMap<>();

	SourcePrefetch(IngestSettings settings, SourceStates states, HostGates hosts) {
		this.settings = settings;
		this.states = states;
		this.fetcher = new Fetcher(settings, hosts);
	}

	/**
	 * Starts downloading the run's feeds and pages, in the order they will be stored.
	 */
	void start(long jobExecutionId, List<SourceSpec> sources) {
		List<SourceSpec> remote = sources.stream().filter((s) -> s.type() != SourceSpec.Type.FOLDER).toList();
		// each source's row is made here, one after the other and outside any chunk's
		// transaction: made by a download thread and the source's step at once, one of
		// them met a duplicate key, which aborts a PostgreSQL transaction
		remote.forEach((source) -> this.states.of(source.location()));
		if (this.settings.prefetchSources() > 0 && !remote.isEmpty()) {
			Run run = new Run(remote, this.settings.prefetchSources());
			this.runs.put(jobExecutionId, run);
			run.fill();
		}
	}

	/**
	 * The source's document, downloaded ahead, or null when it was not (prefetching is
	 * off, or its turn came first): then the source downloads it itself.
	 * @throws UnusableInputException when the download failed
	 */
	@Nullable SourceDownload take(long jobExecutionId, String location) {
		Run run = this.runs.get(jobExecutionId);
		Future<SourceDownload> document = (run != null) ? run.claim(location) : null;
		if (document == null) {
			return null;
		}
		try {
			return document.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while downloading " + location, ex);
		}
		catch (CancellationException ex) {
			return null;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException("could not download " + location, ex.getCause());
		}
	}

	/**
	 * Ends the run's downloads; what was not taken is dropped.
	 */
	void stop(long jobExecutionId) {
		Run run = this.runs.remove(jobExecutionId);
		if (run != null) {
			run.downloads.shutdownNow();
		}
	}

	/**
	 * One run's sources to download, in order, and the documents on their way.
	 */
	private final class Run {

		private final List<SourceSpec> order;

		private final List<String> locations;

		private final int ahead;

		private final ExecutorService downloads;

		private final Map<String, Future<SourceDownload>> held = new LinkedHashMap<>();

		private int next;

		Run(List<SourceSpec> order, int ahead) {
			this.order = order;
			this.locations = order.stream().map(SourceSpec::location).toList();
			this.ahead = ahead;
			this.downloads = Executors.newFixedThreadPool(ahead, (task) -> {
				Thread thread = new Thread(task, "ingest-download");
				thread.setDaemon(true);
				return thread;
			});
		}

		synchronized void fill() {
			while (this.held.size() < this.ahead && this.next < this.order.size()) {
				SourceSpec source = this.order.get(this.next++);
				this.held.put(source.location(),
						this.downloads.submit(() -> SourceDownload.of(source, SourcePrefetch.this.settings,
								SourcePrefetch.this.fetcher, SourcePrefetch.this.states.of(source.location()))));
			}
		}

		/**
		 * The source's document, if it was started; the documents of sources before it
		 * are dropped (their turn is over), and the next ones are started.
		 */
		synchronized @Nullable Future<SourceDownload> claim(String location) {
			int at = indexOf(location);
			if (at < 0) {
				return null;
			}
			for (Iterator<Map.Entry<String, Future<SourceDownload>>> each = this.held.entrySet().iterator(); each
				.hasNext();) {
				Map.Entry<String, Future<SourceDownload>> entry = each.next();
				if (indexOf(entry.getKey()) < at) {
					entry.getValue().cancel(true);
					each.remove();
				}
			}
			Future<SourceDownload> document = this.held.remove(location);
			this.next = Math.max(this.next, at + 1);
			fill();
			return document;
		}

		private int indexOf(String location) {
			return this.locations.indexOf(location);
		}

	}

}
