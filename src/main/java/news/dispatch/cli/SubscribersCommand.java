package news.dispatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberImport;
import news.dispatch.subscriber.Subscribers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch subscribers import FILE.csv | list}.
 */
@Command(name = "subscribers", mixinStandardHelpOptions = true, description = "Manage subscribers.",
		subcommands = { SubscribersCommand.ImportCommand.class, SubscribersCommand.ListCommand.class,
				SubscriberShowCommand.class, SubscriberReactivateCommand.class, SubscriberEraseCommand.class })
class SubscribersCommand {

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = "Add or update subscribers from CSV with a header:"
					+ " email,name,topics,frequency,timezone,send_hour,alerts,keywords,weekday (only email is required;"
					+ " topics separated by ';').")
	static class ImportCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "FILE.csv", description = "The subscribers file.")
		private Path file;

		private final SubscriberImport subscriberImport;

		ImportCommand(SubscriberImport subscriberImport) {
			this.subscriberImport = subscriberImport;
		}

		@Override
		public Integer call() {
			Imports.requireFile(this.file);
			return Imports.report(this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), this.file,
					"subscribers", this.subscriberImport.importFile(this.file));
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List subscribers.")
	static class ListCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		@Option(names = "--status", paramLabel = "STATUS",
				description = "Only subscribers in this status: active, pending, unsubscribed or suppressed.")
		private String status;

		private final Subscribers subscribers;

		ListCommand(Subscribers subscribers) {
			this.subscribers = subscribers;
		}

		@Override
		public void run() {
			List<Subscriber> all = (this.status == null) ? this.subscribers.findAll()
					: this.subscribers.findByStatus(status(this.status));
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, all.stream().map(SubscribersCommand::json).toList());
				return;
			}
			if (all.isEmpty()) {
				out.println("No subscribers yet. Import some with: dispatch subscribers import FILE.csv");
			}
			for (Subscriber s : all) {
				out.printf("%5d  %-32s %-8s %02d:00 %-20s %s%s%s%s%n", s.id(), s.email(), s.frequency().label(),
						s.sendHour(), s.timeZone(), String.join(", ", s.topics()),
						s.keywords().isEmpty() ? "" : "  keywords: " + s.keywords(), s.alerts() ? "  +alerts" : "",
						s.active() ? "" : "  (" + s.status().name().toLowerCase() + ")");
			}
		}

	}

	private static String status(String status) {
		String upper = status.strip().toUpperCase(java.util.Locale.ROOT);
		if (!List.of("ACTIVE", "PENDING", "UNSUBSCRIBED", "SUPPRESSED").contains(upper)) {
			throw new news.dispatch.system.InvalidInputException("The status \"" + status
					+ "\" is not one a subscriber can have; give active, pending, unsubscribed or suppressed.");
		}
		return upper;
	}

	static Map<String, Object> json(Subscriber subscriber) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", subscriber.id());
		json.put("email", subscriber.email());
		json.put("name", subscriber.name());
		json.put("topics", subscriber.topics());
		json.put("frequency", subscriber.frequency().label());
		json.put("timezone", subscriber.timeZone().getId());
		json.put("sendHour", subscriber.sendHour());
		json.put("alerts", subscriber.alerts());
		json.put("status", subscriber.status().name());
		json.put("keywords", subscriber.keywords());
		return json;
	}

}
