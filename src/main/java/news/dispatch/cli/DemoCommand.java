package news.dispatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import news.dispatch.delivery.MailServer;
import news.dispatch.subscriber.SubscriberImport;
import news.dispatch.system.DispatchSettings;
import news.dispatch.topic.TopicImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@code dispatch demo}: everything on a fresh clone, with nothing else installed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = "Seed demo topics, subscribers and articles; ingest them; send today's digest"
				+ " (to the embedded SMTP server unless spring.mail.host is set).")
class DemoCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private QuietOption quiet = new QuietOption();

	private final TopicImport topics;

	private final SubscriberImport subscribers;

	private final IngestCommand ingest;

	private final DigestCommand digest;

	private final MailServer mailServer;

	private final DispatchSettings settings;

	DemoCommand(TopicImport topics, SubscriberImport subscribers, IngestCommand ingest, DigestCommand digest,
			MailServer mailServer, DispatchSettings settings) {
		this.topics = topics;
		this.subscribers = subscribers;
		this.ingest = ingest;
		this.digest = digest;
		this.mailServer = mailServer;
		this.settings = settings;
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		Path demo = this.settings.dataDir().resolve("demo");
		Path inbox = this.settings.inboxDir();
		Path topicsFile = copy("demo/topics.yml", demo);
		Path subscribersFile = copy("demo/subscribers.csv", demo);
		for (Resource article : new PathMatchingResourcePatternResolver()
			.getResources("classpath:demo/articles/*.txt")) {
			copy(article, inbox);
		}
		Imports.report(out, err, topicsFile, "topics", this.topics.importFile(topicsFile));
		Imports.report(out, err, subscribersFile, "subscribers", this.subscribers.importFile(subscribersFile));
		int exit = this.ingest.ingest(out, err, List.of(inbox.toString()), this.quiet.quiet);
		if (exit != CommandLineInterface.DONE) {
			return exit;
		}
		exit = this.digest.send(out, err, LocalDate.now(this.settings.zone()), this.quiet.quiet);
		if (this.mailServer.isEmbedded()) {
			out.printf(
					"%nOpen the digests in a browser: %s/*.html (the full messages are the .eml files beside them).%n",
					this.settings.outboxDir());
		}
		return exit;
	}

	private static Path copy(String resource, Path folder) {
		return copy(new PathMatchingResourcePatternResolver().getResource("classpath:" + resource), folder);
	}

	private static Path copy(Resource resource, Path folder) {
		try (InputStream in = resource.getInputStream()) {
			Files.createDirectories(folder);
			Path target = folder.resolve(resource.getFilename());
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the demo file " + resource.getFilename() + " to " + folder, ex);
		}
	}

}
