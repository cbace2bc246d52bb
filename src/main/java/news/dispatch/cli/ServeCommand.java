package news.dispatch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import news.dispatch.feedback.MailboxPolling;
import news.dispatch.outbound.WebhookDelivery;
import news.dispatch.schedule.Schedules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code dispatch serve}: the long-running process: the schedules of {@code jobs/} (and
 * the recovery of runs that a dead instance left), the subscriber pages, health and
 * metrics for operators (Actuator, Prometheus; all but health behind the operator's
 * login), until SIGTERM or Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Run until stopped (SIGTERM, Ctrl-C): the schedules of jobs/*/job.yml (an invalid one refuses"
				+ " the start), the recovery of runs a dead instance left, and over HTTP the subscriber pages"
				+ " (/subscribe, /preferences, /unsubscribe), the public archive and its feeds (/archive), the editor page (/editor) and alert API (/api/alerts)"
				+ " for dispatch.editors.*, /actuator/health (database, SMTP) and /actuator/prometheus"
				+ " (with dispatch.operator.username and password).")
class ServeCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	private final ConfigurableApplicationContext context;

	private final int port;

	private final Schedules schedules;

	private final MailboxPolling mailbox;

	private final WebhookDelivery webhooks;

	ServeCommand(ConfigurableApplicationContext context, @Value("${local.server.port:${server.port:8080}}") int port,
			Schedules schedules, MailboxPolling mailbox, WebhookDelivery webhooks) {
		this.webhooks = webhooks;
		this.context = context;
		this.port = port;
		this.schedules = schedules;
		this.mailbox = mailbox;
	}

	@Override
	public Integer call() throws InterruptedException {
		// an invalid schedule refuses the start, before anything is served
		List<String> kept = this.schedules.start();
		CountDownLatch closed = new CountDownLatch(1);
		this.context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> closed.countDown());
		// the command runs inside the application's runners: say it is ready, or health
		// stays OUT_OF_SERVICE
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		this.spec.commandLine()
			.getOut()
			.printf("Dispatch is serving on http://localhost:%d (sign-up: /subscribe, archive: /archive, editors: /editor and"
					+ " POST /api/alerts, health: /actuator/health, metrics: /actuator/prometheus with the operator's"
					+ " login); stop it with Ctrl-C or SIGTERM.%n", this.port);
		for (String schedule : kept) {
			this.spec.commandLine().getOut().printf("Schedule %s%n", schedule);
		}
		this.mailbox.start().ifPresent((read) -> this.spec.commandLine().getOut().printf("Bounce mailbox %s%n", read));
		this.webhooks.start()
			.forEach((endpoint) -> this.spec.commandLine().getOut().printf("Webhooks to %s%n", endpoint));
		if (this.context.isActive()) {
			closed.await();
		}
		return CommandLineInterface.DONE;
	}

}
