package news.dispatch.cli;

import java.util.concurrent.Callable;

import news.dispatch.subscriber.Erasures;
import news.dispatch.subscriber.Subscriber;
import news.dispatch.subscriber.SubscriberStatus;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.system.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch subscribers erase EMAIL --reason TEXT}: erases a reader who asked for
 * it by other means than their preferences page (a letter, a call, a mail to the
 * newsroom), as the page's own erasure does.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
		description = "Erase a reader's personal data at their request (GDPR article 17), as the erase button on"
				+ " their preferences page does: address, name, keywords, topics and history go; the edition totals"
				+ " stay; nothing more is sent to them. The reason is kept in the anonymised row's history.")
class SubscriberEraseCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "EMAIL", description = "The reader's address.")
	private String email;

	@Option(names = "--reason", required = true, paramLabel = "TEXT",
			description = "How the reader asked (e.g. \"letter of 3 December\"), kept with the anonymised row.")
	private String reason;

	private final Subscribers subscribers;

	private final Erasures erasures;

	SubscriberEraseCommand(Subscribers subscribers, Erasures erasures) {
		this.subscribers = subscribers;
		this.erasures = erasures;
	}

	@Override
	public Integer call() {
		String why = SubscriberShowCommand.reason(this.reason, "say how the reader asked");
		Subscriber subscriber = SubscriberShowCommand.find(this.subscribers, this.email);
		if (subscriber.status() == SubscriberStatus.ERASED) {
			throw new InvalidInputException(this.email + " is already erased.");
		}
		this.erasures.erase(subscriber, "erased by an operator: " + why);
		this.spec.commandLine()
			.getOut()
			.printf("%s is erased (now erased-%d); the edition totals keep counting its messages.%n",
					subscriber.email(), subscriber.id());
		return CommandLineInterface.DONE;
	}

}
