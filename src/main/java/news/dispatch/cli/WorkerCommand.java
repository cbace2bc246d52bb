package news.dispatch.cli;

import java.util.concurrent.Callable;

import news.dispatch.delivery.RemotePartitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code dispatch worker}: sends the partitions of send steps that run with
 * {@code dispatch.sending.remote=true}, taking them from the shared database, until
 * stopped.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = "Send partitions of digest editions for the instances that run with"
				+ " dispatch.sending.remote=true, taking them from the database one at a time, until stopped"
				+ " (SIGTERM, Ctrl-C). Start as many workers as the SMTP relay and the database can keep busy.")
class WorkerCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	private final RemotePartitions partitions;

	private final ConfigurableApplicationContext context;

	WorkerCommand(RemotePartitions partitions, ConfigurableApplicationContext context) {
		this.partitions = partitions;
		this.context = context;
	}

	@Override
	public Integer call() {
		this.spec.commandLine()
			.getOut()
			.println("Dispatch worker: waiting for send partitions; stop it with Ctrl-C or SIGTERM.");
		try {
			this.partitions.work(this.context::isActive, this.spec.commandLine().getOut());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return CommandLineInterface.DONE;
	}

}
