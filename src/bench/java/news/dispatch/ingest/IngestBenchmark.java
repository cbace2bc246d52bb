package news.dispatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import news.dispatch.Cli;
import news.dispatch.Fixtures;
import news.dispatch.cli.CommandLineInterface;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest benchmark: 10,000 article files and a feed of 5,000 entries, in one run,
 * through the command line; prints articles per second and the heap. Not part of the test
 * run (its name matches none of Surefire's test patterns):
 * {@code mvn -o -Pbenchmark-ingest
 * test} (see bench/README.md); a {@code -Dtest=} pattern that names it runs it too.
 * Sentences come from the BBC corpus in ../shared/data/bbc when it is there, else from a
 * generated vocabulary; each article is a different draw of sentences, so every one is a
 * new story.
 */
@SpringBootTest(properties = { "dispatch.cli.run-on-start=false", "dispatch.data-dir=target/test-data/ingest-benchmark",
		"dispatch.ingest.max-feed-size=100MB" })
class IngestBenchmark {

	static final Path ROOT = Path.of("target/benchmark");

	static {
		// a fresh database for every run (on PostgreSQL too, with -Ppostgres), before the
		// application opens it: a second run of the same input takes nothing
		Fixtures.delete(Path.of("target/test-data/ingest-benchmark"));
	}

	static final int FILES = Integer.getInteger("benchmark.files", 10_000);

	static final int ENTRIES = Integer.getInteger("benchmark.entries", 5_000);

	/**
	 * Whether the same amount of other stories is ingested first, in the same JVM, as a
	 * {@code serve} instance that has run before: its JIT compiler has done its work.
	 */
	static final boolean WARM = Boolean.getBoolean("benchmark.warm");

	@Autowired
	CommandLineInterface commandLine;

	@Autowired
	JobRepository jobs;

	@Test
	void ingestTenThousandFilesAndAFeedOfFiveThousandEntries() throws IOException {
		Fixtures.delete(ROOT);
		List<String> sentences = sentences();
		if (WARM) {
			// what a serve instance has done before: the same amount ingested, other
			// stories
			Input before = write(ROOT.resolve("warm-up"), sentences, new Random(4242));
			new Cli(this.commandLine).run("ingest", "--from", before.folder().toString(), "--from",
					before.feed().toUri().toString());
		}
		Input input = write(ROOT, sentences, new Random(42));
		Path folder = input.folder();
		Path feedFile = input.feed();
		long folderBytes = size(folder);
		System.gc();
		resetPeaks();
		String loadBefore = loadAverage();
		Runtime runtime = Runtime.getRuntime();

		long cpuStart = processCpuNanos();
		long threadCpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		Map<String, Long> jvmStart = jvmThreadTicks();
		long start = System.nanoTime();
		Cli.Result result = new Cli(this.commandLine).run("ingest", "--from", folder.toString(), "--from",
				feedFile.toUri().toString());
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
		double threadCpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuStart)
				/ 1e9;
		Map<String, Long> jvmEnd = jvmThreadTicks();
		double compilerSeconds = (jvmEnd.get("compiler") - jvmStart.get("compiler")) / TICKS;
		double gcSeconds = (jvmEnd.get("gc") - jvmStart.get("gc")) / TICKS;

		long[] heap = peaks();
		double ingestSeconds = ingestStepSeconds();
		long start2 = System.nanoTime();
		Cli.Result again = new Cli(this.commandLine).run("ingest", "--from", folder.toString(), "--from",
				feedFile.toUri().toString());
		double rerun = (System.nanoTime() - start2) / 1e9;
		String report = String.format(
				"""
						Ingest benchmark (%s sentences; %d cores, max heap %d MB; %s; JVM options: %s)
						input: %d files (%d MB) and a feed of %d entries (%d MB)
						%s
						the ingest step took %.1f s: %.0f articles/s
						the command took %.1f s with matching the new articles against the topics: %.0f articles/s
						CPU time of the command (all threads, GC included): %.1f s, %.0f articles per CPU second
						of which the command's own thread (the steps) %.1f s, the JIT compiler %.1f s, GC %.1f s, the rest (read-ahead) %.1f s
						load average before and after: %s, %s
						heap: peak %d MB in use (garbage included), at most %d MB live after a collection
						rerun with nothing new: %.2f s
						%s""",
				sentences.size() > 5000 ? "BBC corpus" : "generated", runtime.availableProcessors(),
				runtime.maxMemory() >> 20,
				WARM ? "warm: as many other stories ingested first in this JVM" : "cold: the first ingest of this JVM",
				jvmOptions(), FILES, folderBytes >> 20, ENTRIES, Files.size(feedFile) >> 20,
				result.out().lines().limit(4).reduce("", (a, b) -> a + b + "\n").strip(), ingestSeconds,
				(FILES + ENTRIES) / ingestSeconds, seconds, (FILES + ENTRIES) / seconds, cpuSeconds,
				(FILES + ENTRIES) / cpuSeconds, threadCpuSeconds, compilerSeconds, gcSeconds,
				cpuSeconds - threadCpuSeconds - compilerSeconds - gcSeconds, loadBefore, loadAverage(), heap[0] >> 20,
				heap[1] >> 20, rerun, again.out().lines().findFirst().orElse(""));
		System.out.println(report);
		Files.writeString(ROOT.resolve("result.txt"), report);
		assertThat(result.out()).contains("Fetched " + (FILES + ENTRIES) + " items");
	}

	/**
	 * The benchmark's input, written under {@code root}.
	 */
	record Input(Path folder, Path feed) {
	}

	private static Input write(Path root, List<String> sentences, Random random) throws IOException {
		Path folder = Files.createDirectories(root.resolve("articles"));
		for (int i = 0; i < FILES; i++) {
			StringBuilder text = new StringBuilder(headline(sentences, random, i)).append("\n\n");
			int paragraphs = 4 + random.nextInt(6);
			for (int p = 0; p < paragraphs; p++) {
				text.append(draw(sentences, random, 2 + random.nextInt(3))).append("\n\n");
			}
			Files.writeString(folder.resolve(String.format("%05d.txt", i)), text);
		}
		StringBuilder feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">"
				+ "<channel><title>Benchmark Wire</title><link>https://wire.example/</link><description>all</description>");
		for (int i = 0; i < ENTRIES; i++) {
			feed.append("<item><title>")
				.append(escape(headline(sentences, random, FILES + i)))
				.append("</title><link>https://wire.example/story/")
				.append(i)
				.append("</link><guid>https://wire.example/story/")
				.append(i)
				.append("</guid><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate><description>");
			StringBuilder html = new StringBuilder();
			for (int p = 0; p < 4 + random.nextInt(4); p++) {
				html.append("<p>").append(draw(sentences, random, 2 + random.nextInt(3))).append("</p>");
			}
			feed.append(escape(html.toString())).append("</description></item>\n");
		}
		feed.append("</channel></rss>\n");
		Path feedFile = root.resolve("wire.xml");
		Files.writeString(feedFile, feed);
		return new Input(folder, feedFile);
	}

	private double ingestStepSeconds() {
		JobInstance last = this.jobs.getJobInstances(IngestJob.NAME, 0, 1).get(0);
		JobExecution execution = this.jobs.getJobExecutions(last).get(0);
		StepExecution step = execution.getStepExecutions()
			.stream()
			.filter((s) -> s.getStepName().equals(IngestJob.INGEST_STEP))
			.findFirst()
			.orElseThrow();
		return Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0;
	}

	private static String headline(List<String> sentences, Random random, int i) {
		String sentence = sentences.get(random.nextInt(sentences.size()));
		String[] words = sentence.split(" ");
		return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 9))) + " (" + i + ")";
	}

	private static String draw(List<String> sentences, Random random, int count) {
		StringBuilder paragraph = new StringBuilder();
		for (int i = 0; i < count; i++) {
			paragraph.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
		}
		return paragraph.toString().strip();
	}

	/**
	 * Sentences of real news text when the shared corpus is here, else of generated
	 * words.
	 */
	static List<String> sentences() throws IOException {
		Path bbc = Path.of("../shared/data/bbc");
		List<String> sentences = new ArrayList<>();
		if (Files.isDirectory(bbc)) {
			try (Stream<Path> files = Files.walk(bbc)) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".txt")).toList()) {
					String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
					for (String sentence : text.split("(?<=[.!?])\\s+")) {
						String clean = sentence.replaceAll("\\s+", " ").strip();
						if (clean.length() > 40 && clean.length() < 300) {
							sentences.add(clean);
						}
					}
				}
			}
		}
		if (sentences.size() < 5000) {
			Random random = new Random(7);
			String letters = "etaoinshrdlcumwfgypbvkjxqz";
			List<String> words = new ArrayList<>();
			for (int i = 0; i < 20_000; i++) {
				StringBuilder word = new StringBuilder();
				for (int j = 0; j < 2 + random.nextInt(8); j++) {
					word.append(letters.charAt((int) Math.min(25, Math.abs(random.nextGaussian() * 8))));
				}
				words.add(word.toString());
			}
			for (int i = 0; i < 50_000; i++) {
				StringBuilder sentence = new StringBuilder();
				for (int j = 0; j < 8 + random.nextInt(20); j++) {
					sentence.append(words.get((int) Math.min(words.size() - 1, Math.abs(random.nextGaussian() * 3000))))
						.append(' ');
				}
				sentences
					.add(Character.toUpperCase(sentence.charAt(0)) + sentence.toString().strip().substring(1) + ".");
			}
		}
		return sentences;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static long size(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.mapToLong((f) -> f.toFile().length()).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The machine is shared: the CPU time the run took tells more than its wall time when
	 * other work runs beside it.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Clock ticks a second in /proc (USER_HZ, 100 on Linux).
	 */
	private static final double TICKS = 100.0;

	/**
	 * The CPU time (in ticks) of the JVM's own threads, by kind, from /proc: the JIT
	 * compiler's and the garbage collector's threads are not Java threads. Zero where
	 * there is no /proc.
	 */
	private static Map<String, Long> jvmThreadTicks() {
		Map<String, Long> ticks = new HashMap<>(Map.of("compiler", 0L, "gc", 0L));
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					String kind = name.contains("CompilerThre") ? "compiler"
							: (name.startsWith("GC Thread") || name.startsWith("G1 ")) ? "gc" : null;
					if (kind != null) {
						ticks.merge(kind, used, Long::sum);
					}
				}
				catch (IOException | RuntimeException ex) {
					// a thread that ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return ticks;
	}

	/**
	 * The -XX options the JVM was started with (the compiler's and the collector's), or
	 * "defaults".
	 */
	private static String jvmOptions() {
		List<String> options = ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((argument) -> argument.startsWith("-XX:"))
			.toList();
		return options.isEmpty() ? "defaults" : String.join(" ", options);
	}

	private static String loadAverage() {
		return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	private static void resetPeaks() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/**
	 * The heap's peak use, and its largest use right after a collection (what was live).
	 */
	private static long[] peaks() {
		long peak = 0;
		long live = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
				MemoryUsage afterGc = pool.getCollectionUsage();
				live += (afterGc != null) ? afterGc.getUsed() : 0;
			}
		}
		return new long[] { peak, live };
	}

}
