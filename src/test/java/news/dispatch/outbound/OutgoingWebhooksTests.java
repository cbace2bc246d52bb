package news.dispatch.outbound;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Newsroom;
import news.dispatch.ingest.SourceFailing;
import news.dispatch.run.RunFinished;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.subscriber.Suppressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outgoing webhooks against receivers of our own: one that fails, stalls, answers garbage
 * and recovers, and one that wants only finished editions. Every event arrives, each
 * verified with the endpoint's secret as a receiver would.
 */
@FunctionalTest(properties = { "dispatch.data-dir=target/test-data/outgoing-webhooks",
		"dispatch.outbound.interval=100ms", "dispatch.outbound.timeout=2s", "dispatch.outbound.connect-timeout=1s",
		"dispatch.outbound.backoff=200ms", "dispatch.outbound.max-backoff=1s" })
@Tag("postgres")
class OutgoingWebhooksTests {

	static final Path DATA = Path.of("target/test-data/outgoing-webhooks");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Receiver warehouse = new Receiver("warehouse-secret-0123");

	static final Receiver slack = new Receiver("slack-secret-012345678");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// a list is bound from one property source: the whole of it here
		registry.add("dispatch.outbound.endpoints[0].name", () -> "warehouse");
		registry.add("dispatch.outbound.endpoints[0].url", warehouse::url);
		registry.add("dispatch.outbound.endpoints[0].secret", () -> warehouse.secret);
		registry.add("dispatch.outbound.endpoints[1].name", () -> "slack");
		registry.add("dispatch.outbound.endpoints[1].url", slack::url);
		registry.add("dispatch.outbound.endpoints[1].secret", () -> slack.secret);
		registry.add("dispatch.outbound.endpoints[1].events", () -> "edition.finished");
	}

	@AfterAll
	static void stopReceivers() {
		warehouse.server.stop(0);
		slack.server.stop(0);
	}

	@Autowired
	Cli cli;

	@Autowired
	Outbox outbox;

	@Autowired
	WebhookDelivery delivery;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Suppressions suppressions;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void everyEventReachesAReceiverThatFailsStallsAndRecoversSignedAndOnceAtLeast() throws Exception {
		// given: a newsroom; the warehouse answers 500, then hangs, then garbage, then
		// recovers
		Newsroom.in(this.cli, DATA.resolve("input"))
			.topic("Harbour", "harbour")
			.subscriber("ana@example.com", "Harbour")
			.subscriber("ben@example.com", "Harbour")
			.story("Harbour fees rise", "The harbour authority raised its fees on Monday for every ship.")
			.load();
		warehouse.script(500, Receiver.STALL, Receiver.GARBAGE);
		this.delivery.start();

		// when: an edition goes out while the warehouse hangs, readers bounce, complain
		// and come back, a run fails and a source has been failing too long
		Cli.Result digest = this.cli.run("digest", "--date", LocalDate.now(ZoneOffset.UTC).toString());
		Subscriber ana = this.subscribers.findByEmail("ana@example.com").orElseThrow();
		Subscriber ben = this.subscribers.findByEmail("ben@example.com").orElseThrow();
		this.subscribers.recordHardBounce(ana.id(), 5);
		this.suppressions.complained(ben.id(), "abuse report");
		JobExecution failed = new JobExecution(999_999L, new JobInstance(999_999L, "ingest"), new JobParameters());
		failed.setStatus(BatchStatus.FAILED);
		this.events.publishEvent(new RunFinished(failed, "the inbox folder cannot be read"));
		this.events.publishEvent(new SourceFailing("https://wire.example/feed.xml", 3,
				Instant.parse("2026-12-01T06:00:00Z"), "the server answered HTTP 503"));

		// then: the edition did not wait for the warehouse
		assertThat(digest.exitCode()).as(digest.err()).isZero();
		// and: every event is delivered to every endpoint that wants it
		waitUntil(() -> this.outbox.list("PENDING", 100).isEmpty(), Duration.ofSeconds(30));
		List<Outbox.Entry> all = this.outbox.list(null, 100);
		assertThat(all).allSatisfy((entry) -> assertThat(entry.status()).isEqualTo("DELIVERED"));
		Set<String> warehouseIds = ids(all, "warehouse");
		assertThat(warehouse.verified.keySet()).containsAll(warehouseIds);
		assertThat(
				warehouse.verified.values().stream().map((e) -> e.get("type").asString()).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder("edition.started", "edition.finished", "subscriber.bounced",
					"subscriber.complained", "subscriber.unsubscribed", "run.failed", "source.failing");
		assertThat(warehouse.forged).isZero();
		// and: each of the three failures cost an attempt that was made again (on one
		// event
		// or several: a retry may overtake, so which event meets which failure is timing)
		List<Outbox.Entry> toWarehouse = all.stream().filter((e) -> e.endpoint().equals("warehouse")).toList();
		assertThat(toWarehouse.stream().mapToInt(Outbox.Entry::attempts).sum())
			.isGreaterThanOrEqualTo(toWarehouse.size() + 2);
		// and: the slack endpoint got only the finished edition, with its counts
		assertThat(slack.verified.values()).singleElement().satisfies((event) -> {
			assertThat(event.get("type").asString()).isEqualTo("edition.finished");
			assertThat(event.get("data").get("deliveries").get("SENT").asLong()).isEqualTo(2);
			assertThat(event.get("data").get("status").asString()).isEqualTo("COMPLETED");
		});
		JsonNode complained = warehouse.first("subscriber.complained");
		assertThat(complained.get("data").get("email").asString()).isEqualTo("ben@example.com");
		JsonNode source = warehouse.first("source.failing");
		assertThat(source.get("data").get("location").asString()).isEqualTo("https://wire.example/feed.xml");
		assertThat(source.get("data").get("failingSince").asString()).isEqualTo("2026-12-01T06:00:00Z");

		// when: an event is replayed
		String replayed = warehouseIds.iterator().next();
		int before = warehouse.received.get();
		Cli.Result replay = this.cli.run("webhooks", "replay", replayed, "--endpoint", "warehouse");

		// then: it arrives again with the same id
		assertThat(replay.exitCode()).as(replay.err()).isZero();
		assertThat(replay.out()).contains("1 delivery to send again");
		waitUntil(() -> warehouse.received.get() > before, Duration.ofSeconds(10));
		assertThat(warehouse.lastId).isEqualTo(replayed);
		Cli.Result list = this.cli.run("webhooks", "list", "--json");
		assertThat(JSON.readTree(list.out()).size()).isEqualTo(all.size());
	}

	@Test
	void replayingWhatDoesNotExistSaysSo() {
		Cli.Result replay = this.cli.run("webhooks", "replay", "no-such-event");

		assertThat(replay.exitCode()).isEqualTo(2);
		assertThat(replay.err()).contains("No event no-such-event; dispatch webhooks list shows the ids.");
	}

	private static Set<String> ids(List<Outbox.Entry> entries, String endpoint) {
		return entries.stream()
			.filter((e) -> e.endpoint().equals(endpoint))
			.map(Outbox.Entry::eventId)
			.collect(Collectors.toSet());
	}

	private static void waitUntil(java.util.function.BooleanSupplier done, Duration limit) throws InterruptedException {
		long end = System.nanoTime() + limit.toNanos();
		while (!done.getAsBoolean()) {
			assertThat(System.nanoTime()).as("still waiting after " + limit).isLessThan(end);
			Thread.sleep(50);
		}
	}

	/**
	 * A receiver that checks each call's signature as the docs tell receivers to, and
	 * answers as scripted, then 204.
	 */
	static final class Receiver {

		static final int STALL = -1;

		static final int GARBAGE = -2;

		final HttpServer server;

		final String secret;

		final Map<String, JsonNode> verified = new ConcurrentHashMap<>();

		final List<Integer> script = new CopyOnWriteArrayList<>();

		final AtomicInteger received = new AtomicInteger();

		volatile int forged;

		volatile String lastId;

		Receiver(String secret) {
			this.secret = secret;
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
			this.server.createContext("/hooks", this::handle);
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
		}

		/**
		 * The first verified event of this type.
		 */
		JsonNode first(String type) {
			return this.verified.values()
				.stream()
				.filter((event) -> event.get("type").asString().equals(type))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no " + type + " event among " + this.verified.values()));
		}

		void script(Integer... answers) {
			this.script.addAll(List.of(answers));
		}

		private void handle(HttpExchange exchange) throws IOException {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.received.incrementAndGet();
			String id = exchange.getRequestHeaders().getFirst("Dispatch-Event-Id");
			String timestamp = exchange.getRequestHeaders().getFirst("Dispatch-Timestamp");
			String signature = exchange.getRequestHeaders().getFirst("Dispatch-Signature");
			int answer = this.script.isEmpty() ? 204 : this.script.remove(0);
			if (answer == STALL) {
				try {
					Thread.sleep(5000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				exchange.close();
				return;
			}
			if (answer == GARBAGE) {
				byte[] garbage = "\u0000\u00ffnot json at all<<<".getBytes(StandardCharsets.ISO_8859_1);
				exchange.sendResponseHeaders(299, garbage.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(garbage);
				}
				record(id, timestamp, signature, body);
				return;
			}
			if (answer < 300) {
				record(id, timestamp, signature, body);
			}
			exchange.sendResponseHeaders(answer, -1);
			exchange.close();
		}

		private void record(String id, String timestamp, String signature, byte[] body) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				byte[] expected = mac.doFinal(
						(timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
				boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300;
				JsonNode event = JSON.readTree(body);
				if (!fresh || !("v1=" + HexFormat.of().formatHex(expected)).equals(signature)
						|| !event.get("id").asString().equals(id)) {
					this.forged++;
					return;
				}
				this.verified.put(id, event);
				this.lastId = id;
			}
			catch (Exception ex) {
				this.forged++;
			}
		}

	}

}
