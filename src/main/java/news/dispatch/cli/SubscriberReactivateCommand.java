package news.dispatch.cli;

import java.util.concurrent.Callable;

import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.subscriber.Suppressions;
import news.dispatch.system.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch subscribers reactivate EMAIL --reason TEXT}: takes a subscriber off the
 * suppression list after a mistaken suppression.
 */
@Command(name = "reactivate", mixinStandardHelpOptions = true,
		description = "Take a suppressed subscriber off the suppression list (a mistaken bounce or complaint):"
				+ " active again, their hard bounces forgotten; the reason is kept in their history. A reader who"
				+ " complained was unsubscribed from every topic and stays so until they choose again.")
class SubscriberReactivateCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "EMAIL", description = "The subscriber's address.")
	private String email;

	@Option(names = "--reason", required = true, paramLabel = "TEXT",
			description = "Why, kept in the subscriber's history.")
	private String reason;

	private final Subscribers subscribers;

	private final Suppressions suppressions;

	SubscriberReactivateCommand(Subscribers subscribers, Suppressions suppressions) {
		this.subscribers = subscribers;
		this.suppressions = suppressions;
	}

	@Override
	public Integer call() {
		String why = SubscriberShowCommand.reason(this.reason, "say why");
		Subscriber subscriber = SubscriberShowCommand.find(this.subscribers, this.email);
		if (!this.suppressions.reactivate(subscriber.id(), "reactivated by an operator: " + why)) {
			throw new InvalidInputException(subscriber.email() + " is " + subscriber.status()
					+ ", not suppressed; only a suppressed subscriber can be reactivated.");
		}
		this.spec.commandLine().getOut().printf("%s is active again (was suppressed): %s%n", subscriber.email(), why);
		return CommandLineInterface.DONE;
	}

}
